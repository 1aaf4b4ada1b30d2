using Ledger.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace Ledger.Grains;

/// <summary>
/// How Orleans carries the ledger's types. Commands, states and events are immutable records: within a silo
/// they are passed as they are, never copied; between silos they travel as the ledger's own JSON (the dialect
/// events are stored in), so the domain carries no Orleans attributes. The few envelope types of this folder
/// have generated serializers.
/// </summary>
public static class GrainSerialization
{
    public static ISerializerBuilder AddLedgerTypes(this ISerializerBuilder builder)
    {
        builder.Services.AddSingleton<IGeneralizedCopier, ImmutableLedgerCopier>();
        return builder.AddJsonSerializer(isSerializable: IsLedgerType, isCopyable: null,
            options => options.Configure(o => o.SerializerOptions = LedgerJson.Options));
    }

    internal static bool IsLedgerType(Type type) =>
        type.Namespace is { } ns && (ns == "Ledger" || ns.StartsWith("Ledger.", StringComparison.Ordinal));

    /// <summary>Ledger records are immutable: a copy is the same instance. A grain's view is a holder of immutable
    /// parts and is copied as a new holder.</summary>
    private sealed class ImmutableLedgerCopier : IGeneralizedCopier
    {
        public bool IsSupportedType(Type type) => IsLedgerType(type);

        public object? DeepCopy(object? input, CopyContext context) => input is ICopyableView view ? view.Copy() : input;
    }
}
