#nullable enable
using System.Management.Automation;
using DtsCrossAccount.Core;
using DtsCrossAccount.Tests.Infrastructure;
using DtsCrossAccount.Transport;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// Where calls go: -EndpointUrl, else DTSCROSSACCOUNT_ENDPOINT_URL, else the clouds' own endpoints; what the user reads
/// when the value is wrong (which setting it came from, never a password written into the URL).
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)] // sets DTSCROSSACCOUNT_ENDPOINT_URL, process-wide
public sealed class EndpointResolverTests
{
    private const string Variable = "DTSCROSSACCOUNT_ENDPOINT_URL";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_parameter_or_variable_calls_go_to_each_clouds_own_service_endpoint(string? variable)
    {
        using var saved = new SavedEnvironment(new[] { Variable });
        Environment.SetEnvironmentVariable(Variable, variable);
        var endpoints = EndpointResolver.FromParameter(null);

        Assert.Null(endpoints.Override);
        Assert.Equal(new Uri("https://cam.tencentcloudapi.com/"), endpoints.Tencent("cam"));
        Assert.Equal(new Uri("https://dts.tencentcloudapi.com/"), endpoints.Tencent("dts"));
        Assert.Equal(new Uri("https://ram.aliyuncs.com/"), endpoints.Alibaba("ram", null));
        Assert.Equal(new Uri("https://dts.aliyuncs.com/"), endpoints.Alibaba("dts", "cn-hangzhou"));
    }

    [Fact]
    public void The_variable_is_used_without_a_parameter_trimmed_and_the_parameter_wins_over_it()
    {
        using var saved = new SavedEnvironment(new[] { Variable });
        Environment.SetEnvironmentVariable(Variable, "  http://127.0.0.1:5077/  ");

        var fromVariable = EndpointResolver.FromParameter(null);
        Assert.Equal(new Uri("http://127.0.0.1:5077/"), fromVariable.Override);
        Assert.Equal(new Uri("http://127.0.0.1:5077/"), fromVariable.Tencent("cam"));
        Assert.Equal(new Uri("http://127.0.0.1:5077/"), fromVariable.Alibaba("dts", "cn-hangzhou"));

        Assert.Equal(new Uri("https://dts.example.com/"), EndpointResolver.FromParameter(new Uri("https://dts.example.com/")).Override);
    }

    [Fact]
    public void A_variable_that_is_not_a_url_is_an_error_that_names_the_variable()
    {
        using var saved = new SavedEnvironment(new[] { Variable });
        Environment.SetEnvironmentVariable(Variable, "not a url");

        var ex = Assert.Throws<DtsCrossAccountException>(() => EndpointResolver.FromParameter(null));

        Assert.Equal("InvalidEndpoint", ex.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, ex.Category);
        Assert.Contains("The endpoint '(not a URL)' from the environment variable DTSCROSSACCOUNT_ENDPOINT_URL is not an absolute http(s) URL.", ex.Message);
        Assert.Contains("https://dts.tencentcloudapi.com/", ex.Message);
    }

    [Fact]
    public void Plain_http_from_the_variable_to_a_remote_host_names_the_variable_and_never_the_password_in_the_url()
    {
        using var saved = new SavedEnvironment(new[] { Variable });
        Environment.SetEnvironmentVariable(Variable, "http://admin:Pa55word-in-url@dts.example.com:8080/x");

        var ex = Assert.Throws<DtsCrossAccountException>(() => EndpointResolver.FromParameter(null));

        Assert.Equal("InsecureEndpoint", ex.ErrorId);
        Assert.Contains("The endpoint 'http://dts.example.com:8080/' from the environment variable DTSCROSSACCOUNT_ENDPOINT_URL uses plain http", ex.Message);
        Assert.DoesNotContain("Pa55word", ex.Message);
        Assert.DoesNotContain("admin", ex.Message);
    }

    [Theory]
    [InlineData("ftp://admin:Pa55word-in-url@files.example.com/", "'ftp://files.example.com/'")]
    [InlineData("http://admin:Pa55word-in-url@dts.example.com/", "'http://dts.example.com/'")]
    public void A_wrong_parameter_is_named_as_the_parameter_with_scheme_host_and_port_only(string url, string shown)
    {
        var ex = Assert.Throws<DtsCrossAccountException>(() => EndpointResolver.FromParameter(new Uri(url)));
        Assert.Contains("The endpoint " + shown + " from -EndpointUrl ", ex.Message);
        Assert.DoesNotContain("Pa55word", ex.Message);
    }
}
