using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Dendra.Simulator.Tests.Architecture;

/// <summary>
/// Every type and member a compiled assembly's types use: base types, interfaces, attributes, fields, properties,
/// method signatures, locals and each instruction's operand. Reading the compiled code, not the source, catches a use
/// however it is written (a using directive, a fully qualified name, an inferred type).
/// </summary>
internal static class TypeUses
{
    /// <summary>The uses by the types of the assembly that holds <paramref name="anyType"/>.</summary>
    public static IReadOnlyList<TypeUse> Of(Type anyType)
    {
        using var module = ModuleDefinition.ReadModule(anyType.Assembly.Location);
        var found = new List<TypeUse>();
        foreach (var type in module.GetTypes()) Collect(type, found);
        return found;
    }

    private static void Collect(TypeDefinition type, List<TypeUse> found)
    {
        var outer = Outermost(type);
        void Use(TypeReference? target, string site, string? member = null)
        {
            foreach (var t in Parts(target))
            {
                var owner = Outermost(t);
                found.Add(new TypeUse(outer.FullName, outer.Namespace, t.FullName, owner.Namespace, AssemblyOf(owner), member, site));
            }
        }

        string typeSite = type.FullName;
        Use(type.BaseType, $"{typeSite}, base type");
        foreach (var i in type.Interfaces) Use(i.InterfaceType, $"{typeSite}, interface");
        foreach (var a in type.CustomAttributes) Use(a.AttributeType, $"{typeSite}, attribute");
        foreach (var f in type.Fields) Use(f.FieldType, $"field {f.FullName}");
        foreach (var p in type.Properties) Use(p.PropertyType, $"property {p.FullName}");
        foreach (var e in type.Events) Use(e.EventType, $"event {e.FullName}");
        foreach (var m in type.Methods)
        {
            string site = $"method {m.FullName}";
            Use(m.ReturnType, site);
            foreach (var p in m.Parameters) Use(p.ParameterType, site);
            foreach (var a in m.CustomAttributes) Use(a.AttributeType, site);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Use(v.VariableType, site);
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case MethodReference called:
                        Use(called.DeclaringType, site, $"{called.DeclaringType.FullName}::{called.Name}");
                        Use(called.ReturnType, site);
                        foreach (var p in called.Parameters) Use(p.ParameterType, site);
                        if (called is GenericInstanceMethod generic)
                            foreach (var g in generic.GenericArguments) Use(g, site);
                        break;
                    case FieldReference field:
                        Use(field.DeclaringType, site, $"{field.DeclaringType.FullName}::{field.Name}");
                        Use(field.FieldType, site);
                        break;
                    case TypeReference used:
                        Use(used, site);
                        break;
                    case CallSite callSite:
                        Use(callSite.ReturnType, site);
                        break;
                }
            }
        }
    }

    /// <summary>A type and, for arrays, pointers, references and generic instances, the types it is made of.</summary>
    private static IEnumerable<TypeReference> Parts(TypeReference? type)
    {
        if (type is null || type is GenericParameter) yield break;
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var t in Parts(generic.ElementType)) yield return t;
                foreach (var argument in generic.GenericArguments)
                    foreach (var t in Parts(argument)) yield return t;
                break;
            case TypeSpecification specification: // arrays, pointers, by-reference, modifiers
                foreach (var t in Parts(specification.ElementType)) yield return t;
                break;
            default:
                yield return type;
                break;
        }
    }

    private static string AssemblyOf(TypeReference type) => type.Scope switch
    {
        AssemblyNameReference reference => reference.Name,
        ModuleDefinition module => module.Assembly.Name.Name,
        var scope => scope.Name,
    };

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }
}
