using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>A typed C# client generated from the served OpenAPI document by NSwag compiles, and a read and a write go
/// through it: the document is one client generators can be pointed at.</summary>
public sealed class GeneratedClientTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_client_generated_by_NSwag_compiles_and_reads_and_writes()
    {
        var served = await api.Client().GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(served);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "LedgerClient",
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            // Newtonsoft, NSwag's default: it writes enums by their EnumMember values ("monitor"), as the document names them.
            CSharpGeneratorSettings = { Namespace = "Generated" },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location).Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Generated", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.Should().BeTrue(string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        var assembly = Assembly.Load(image.ToArray());
        var clientType = assembly.GetType("Generated.LedgerClient")!;

        // A write: an admin registers a source; then a read lists it.
        var admin = Activator.CreateInstance(clientType, api.Client(Admin))!;
        var request = Activator.CreateInstance(assembly.GetType("Generated.RegisterSourceRequest")!)!;
        request.GetType().GetProperty("Id")!.SetValue(request, "generated-client");
        request.GetType().GetProperty("Name")!.SetValue(request, "Registered through a generated client");
        var kind = request.GetType().GetProperty("Kind")!;
        kind.SetValue(request, Enum.Parse(Nullable.GetUnderlyingType(kind.PropertyType) ?? kind.PropertyType, "Monitor"));
        await Invoke(admin, "PostSourcesAsync", request);

        // Read your own write, as a client should: minPosition at least the write's position (here, the head).
        var written = await api.Database.ScalarAsync("SELECT max(position) FROM ledger.events");
        var reader = Activator.CreateInstance(clientType, api.Client())!;
        var list = await Invoke(reader, "GetSourcesAsync", ("minPosition", (object)written));
        System.Text.Json.JsonSerializer.Serialize(list).Should().Contain("generated-client");
    }

    /// <summary>Calls a generated operation (its overload without a cancellation token), the arguments given by type (or
    /// by name, as (name, value)) and every other parameter (headers such as Idempotency-Key, query parameters) left empty.</summary>
    private static async Task<object?> Invoke(object client, string operation, params object[] args)
    {
        var methods = client.GetType().GetMethods().Where(m => m.Name == operation).ToList();
        methods.Should().NotBeEmpty(string.Join(", ", client.GetType().GetMethods().Select(m => m.Name).Distinct().Take(80)));
        var method = methods.Single(m => m.GetParameters().All(p => p.ParameterType != typeof(CancellationToken)));
        var parameters = method.GetParameters()
            .Select(p => args.OfType<(string Name, object Value)>().Where(a => a.Name == p.Name).Select(a => a.Value).FirstOrDefault()
                ?? args.FirstOrDefault(a => a is not ValueTuple<string, object> && p.ParameterType.IsInstanceOfType(a))
                ?? (p.HasDefaultValue ? p.DefaultValue : null)).ToArray();
        var task = (Task)method.Invoke(client, parameters)!;
        try { await task; }
        catch (Exception ex) when (ex.GetType().Name.StartsWith("ApiException", StringComparison.Ordinal))
        {
            // The problem the ledger answered, with its field, rather than the client's summary of it.
            throw new InvalidOperationException(System.Text.Json.JsonSerializer.Serialize(ex.GetType().GetProperty("Result")?.GetValue(ex)), ex);
        }
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }
}
