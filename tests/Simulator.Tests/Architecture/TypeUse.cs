namespace Dendra.Simulator.Tests.Architecture;

/// <summary>One use of a type or member by a type of a compiled assembly.</summary>
/// <param name="From">The using type, by its outermost declaring type (a lambda's closure counts as the method's type).</param>
/// <param name="Namespace">The using type's namespace.</param>
/// <param name="Target">The used type's full name.</param>
/// <param name="TargetNamespace">The used type's namespace (of its outermost declaring type).</param>
/// <param name="TargetAssembly">The name of the assembly that defines the used type.</param>
/// <param name="Member">The used member (<c>Type::Name</c>), or null where a type alone is used.</param>
/// <param name="Site">Where the use is: a field, a signature, or the body of a method.</param>
internal sealed record TypeUse(string From, string Namespace, string Target, string TargetNamespace, string TargetAssembly, string? Member, string Site)
{
    public override string ToString() => $"{From} → {Member ?? Target} (in {Site})";
}
