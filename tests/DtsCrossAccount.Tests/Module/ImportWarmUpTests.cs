#nullable enable
using System.Net;
using System.Net.Http;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using DtsCrossAccount.Cmdlets;
using DtsCrossAccount.Core;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Module;

/// <summary>
/// The import-time warm-up (README "Load and call cost"): it must stay on the machine, leave nothing open, compile the
/// shared code without a refusal, build the input checks' patterns, do the first-time work of PowerShell's parameter
/// binding, and be switched off by DTSCROSSACCOUNT_WARMUP=0.
/// </summary>
public sealed class ImportWarmUpTests
{
    [Fact]
    public void The_loopback_exchange_never_goes_to_the_requests_own_address_and_leaves_no_listener_open()
    {
        // 192.0.2.10 is TEST-NET-1: never routed, so an attempt to reach it would end in the timeout, not an answer.
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://192.0.2.10/") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")) };
        var answer = LoopbackWarmUp.Exchange(request, TimeSpan.FromSeconds(10));

        Assert.NotNull(answer);
        Assert.Equal(200, answer!.Status);
        Assert.Equal("warm-up", answer.Json?.GetObject("Response")?.GetString("RequestId"));
        Assert.True(request.RequestUri!.IsLoopback, "the request was sent to " + request.RequestUri);
        var port = request.RequestUri.Port;
        Assert.DoesNotContain(IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners(), l => l.Port == port);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.ThrowsAny<SocketException>(() => probe.Connect(IPAddress.Loopback, port));
    }

    [Theory]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\n", -1)]
    [InlineData("POST / HTTP/1.1\r\nHost: x\r\n\r\n", 28)]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 7\r\n\r\n{}", 45)]
    [InlineData("POST / HTTP/1.1\r\ncontent-length:  12 \r\n\r\n", 53)]
    public void The_listener_reads_the_whole_request_headers_and_body_before_it_answers(string received, int expected)
    {
        var bytes = Encoding.ASCII.GetBytes(received);
        Assert.Equal(expected, LoopbackWarmUp.RequestLength(bytes, bytes.Length));
    }

    [Fact]
    public void The_import_warm_up_ends_without_a_failure_having_answered_on_loopback_compiled_the_shared_code_and_done_every_later_step()
    {
        // Once per process: a module import by another test may have started it already; either way it must end well.
        new ModuleWarmUp().OnImport();
        Assert.True(ModuleWarmUp.Finished.Wait(TimeSpan.FromSeconds(60)), "the warm-up did not end within 60 s");

        Assert.Null(ModuleWarmUp.Failure);
        Assert.Equal(200, ModuleWarmUp.LoopbackAnswer?.Status);
        Assert.Equal(typeof(ModuleWarmUp).Assembly.GetTypes().Count(PatternInitializer.HoldsPatterns), ModuleWarmUp.PatternTypes);
        Assert.Equal(RepoPaths.ExportedCmdlets().Count, ModuleWarmUp.CmdletMetadata);
        Assert.True(ModuleWarmUp.SettersCompiled);
        Assert.Equal(0, ModuleWarmUp.Precompiled.Refused);
        Assert.True(ModuleWarmUp.Precompiled.Compiled > 300, "compiled only " + ModuleWarmUp.Precompiled.Compiled);
    }

    [Fact]
    public void Only_the_shared_code_is_compiled_ahead_each_clouds_provider_at_its_first_use()
    {
        var assembly = typeof(ModuleWarmUp).Assembly;
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        int Concrete(Func<Type, bool> which) => assembly.GetTypes().Where(t => !t.ContainsGenericParameters && which(t))
            .Sum(t => t.GetMethods(declared).Count(m => !m.IsAbstract && !m.ContainsGenericParameters) + t.GetConstructors(declared).Length);

        var (compiled, refused) = Precompiler.SharedCode(assembly);

        Assert.Equal(0, refused);
        Assert.Equal(Concrete(t => !Precompiler.IsCloudSpecific(t)), compiled);
        Assert.True(Concrete(Precompiler.IsCloudSpecific) > 300, "the providers hold most of the module's code");
        Assert.True(Precompiler.IsCloudSpecific(typeof(DtsCrossAccount.Tencent.TencentProvider)));
        Assert.True(Precompiler.IsCloudSpecific(typeof(DtsCrossAccount.Alibaba.AlibabaProvider)));
        Assert.False(Precompiler.IsCloudSpecific(typeof(HttpTransport)));
    }

    [Fact]
    public void The_patterns_built_ahead_are_those_of_the_input_checks_every_command_runs_on_either_cloud()
    {
        // The services' and both providers' checks run in every command's first call; a type without a pattern is left alone.
        Assert.True(PatternInitializer.HoldsPatterns(typeof(DtsCrossAccount.Services.CrossAccountService)));
        Assert.True(PatternInitializer.HoldsPatterns(typeof(DtsCrossAccount.Services.SyncTaskService)));
        Assert.True(PatternInitializer.HoldsPatterns(typeof(DtsCrossAccount.Tencent.TencentProvider)));
        Assert.True(PatternInitializer.HoldsPatterns(typeof(DtsCrossAccount.Alibaba.AlibabaProvider)));
        Assert.False(PatternInitializer.HoldsPatterns(typeof(HttpTransport)));
        Assert.False(PatternInitializer.HoldsPatterns(typeof(InputText)));
    }

    [Fact]
    public void The_command_metadata_built_ahead_is_that_of_every_exported_cmdlet_with_its_parameters()
    {
        var metadata = ParameterBindingWarmUp.CommandMetadataOfEveryCmdlet(typeof(ModuleWarmUp).Assembly);

        Assert.Equal(RepoPaths.ExportedCmdlets(), metadata.Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal).ToList());
        var role = metadata.Single(m => m.Name == "New-DtsCrossAccountRole");
        Assert.Contains("RoleName", role.Parameters.Keys);
        Assert.Contains("Cloud", role.Parameters.Keys);
        Assert.True(role.SupportsShouldProcess);
    }

    [Fact]
    public void The_setters_compiled_to_start_the_expression_compiler_set_a_reference_and_a_value_type_parameter()
    {
        var command = ParameterBindingWarmUp.CompileSetters();

        Assert.Equal("warm-up", command.RoleName);
        Assert.Equal(CloudKind.Alibaba, command.Cloud);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("1", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData(" OFF ", false)]
    public void DTSCROSSACCOUNT_WARMUP_0_false_or_off_turns_the_warm_up_off(string? value, bool enabled)
    {
        Assert.Equal(enabled, ModuleWarmUp.IsEnabled(value));
    }
}
