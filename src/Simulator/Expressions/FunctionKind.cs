namespace Dendra.Simulator.Expressions;

/// <summary>What kind of code a built-in function becomes.</summary>
internal enum FunctionKind
{
    /// <summary>A pure function of its arguments, written through its <see cref="BuiltInFunction"/> forms.</summary>
    Math,
    /// <summary><c>where(condition, a, b)</c>: the first argument is a condition, each generator writes a selection.</summary>
    Conditional,
    /// <summary>A draw of the counter-based generator (<c>rand</c>, <c>randn</c>): never constant, addressed by step, element and call site.</summary>
    Random,
    /// <summary>A reduction over the population (<c>sum</c>, <c>mean</c>): the compiler turns it into a scalar cell before any generator sees it.</summary>
    Reduction,
}
