#nullable enable
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using Xunit;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>The module's Tencent client against the emulator's Tencent frontend over real HTTP.</summary>
public class TencentRoundTripTests : IAsyncLifetime
{
    private WireEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await WireEmulator.StartAsync();
    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public void Signed_call_succeeds_and_returns_the_response_members()
    {
        var key = _emu.TencentRootKey;
        var client = _emu.Tencent(WireEmulator.Credential(key));

        var response = client.Call("sts", "2018-08-13", WireEmulator.TencentRead,
            new JsonObject().Set("Echo", "未命名 \"quoted\" \\ slash"), region: "ap-guangzhou");

        Assert.Equal(key.Owner.AccountId, response.GetString("AccountId"));
        Assert.Equal("ap-guangzhou", response.GetString("Region"));
        Assert.Equal("未命名 \"quoted\" \\ slash", response.GetString("Echo"));
        Assert.False(response.Has("RequestId"));
        var call = Assert.Single(_emu.CallsOf("Tencent", WireEmulator.TencentRead));
        Assert.Equal(("sts", "OK", key.Owner.AccountId), (call.Service, call.Result, call.CallerAccountId));
    }

    [Fact]
    public void Wrong_secret_surfaces_AuthFailure_SignatureFailure()
    {
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey, secret: "not-the-secret"));

        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));

        Assert.Equal(CloudKind.Tencent, ex.Cloud);
        Assert.Equal("AuthFailure.SignatureFailure", ex.Code);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, ex.Category);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Equal(200, ex.HttpStatus);
        Assert.Equal("AuthFailure.SignatureFailure", Assert.Single(_emu.CallsOf("Tencent", WireEmulator.TencentRead)).Result);
    }

    [Fact]
    public void Unknown_secret_id_surfaces_SecretIdNotFound()
    {
        var client = _emu.Tencent(new CloudCredential("AKIDNOSUCHKEY0000000000000000000000", "x", null, "test"));
        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));
        Assert.Equal("AuthFailure.SecretIdNotFound", ex.Code);
    }

    [Fact]
    public void Timestamp_more_than_five_minutes_off_is_rejected()
    {
        _emu.State.Clock.Advance(TimeSpan.FromMinutes(6));
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey));

        var ex = Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));
        Assert.Equal("AuthFailure.SignatureExpire", ex.Code);
    }

    [Fact]
    public void Temporary_key_needs_its_token_and_must_not_be_expired()
    {
        var temp = _emu.AddTemporaryKey(true, _emu.TencentRootKey, TimeSpan.FromMinutes(30));

        var withoutToken = Assert.Throws<CloudApiException>(() =>
            _emu.Tencent(WireEmulator.Credential(temp)).Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));
        Assert.Equal("AuthFailure.TokenFailure", withoutToken.Code);

        var ok = _emu.Tencent(WireEmulator.Credential(temp, token: temp.Token)).Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject());
        Assert.Equal(temp.Owner.AccountId, ok.GetString("AccountId"));

        // Expired: move the emulator past the expiry and the client clock with it, so only the token is stale.
        _emu.State.Clock.Advance(TimeSpan.FromMinutes(31));
        var client = _emu.Tencent(WireEmulator.Credential(temp, token: temp.Token), settings: WireEmulator.FastSettings(clock: () => _emu.State.Clock.UtcNow));
        var expired = Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));
        Assert.Equal("AuthFailure.TokenFailure", expired.Code);
    }

    [Fact]
    public void Wrong_version_and_unknown_action_use_the_documented_codes()
    {
        var client = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey));
        Assert.Equal("NoSuchVersion",
            Assert.Throws<CloudApiException>(() => client.Call("sts", "2099-01-01", WireEmulator.TencentRead, new JsonObject())).Code);
        Assert.Equal("InvalidAction",
            Assert.Throws<CloudApiException>(() => client.Call("sts", "2018-08-13", "NoSuchActionHere", new JsonObject())).Code);
    }

    [Fact]
    public void Throttled_call_is_retried_and_succeeds_even_when_not_idempotent()
    {
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentWrite, "RequestLimitExceeded", times: 2);
        var reporter = new RecordingReporter();

        var response = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey), reporter)
            .Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: false);

        Assert.Equal(true, response.GetBoolean("Done"));
        Assert.Equal(1, _emu.TencentWrites);
        Assert.Equal(new[] { "RequestLimitExceeded", "RequestLimitExceeded", "OK" }, _emu.CallsOf("Tencent", WireEmulator.TencentWrite).Select(c => c.Result));
        Assert.Equal(2, reporter.DebugLines.Count(l => l.Contains("retrying in")));
        Assert.Contains("after 3 attempts", Assert.Single(reporter.VerboseLines));
    }

    [Fact]
    public void Throttling_that_never_ends_gives_up_after_the_attempt_limit()
    {
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentRead, "RequestLimitExceeded.UinLimitExceeded", times: 10);
        var ex = Assert.Throws<CloudApiException>(() =>
            _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey)).Call("sts", "2018-08-13", WireEmulator.TencentRead, new JsonObject()));
        Assert.True(ex.IsThrottling);
        Assert.Equal(4, _emu.CallsOf("Tencent", WireEmulator.TencentRead).Count);
    }

    [Fact]
    public void Server_error_is_not_retried_for_a_non_idempotent_call()
    {
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentWrite, "InternalError", times: 1, httpStatus: 500);

        var ex = Assert.Throws<CloudApiException>(() => _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey))
            .Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: false));

        Assert.Equal(500, ex.HttpStatus);
        Assert.Equal("InternalError", ex.Code);
        Assert.Single(_emu.CallsOf("Tencent", WireEmulator.TencentWrite));
        Assert.Equal(0, _emu.TencentWrites);
    }

    [Fact]
    public void Server_error_is_retried_for_an_idempotent_call()
    {
        _emu.Server.Faults.Add("Tencent", WireEmulator.TencentWrite, "InternalError", times: 1, httpStatus: 500);

        var response = _emu.Tencent(WireEmulator.Credential(_emu.TencentRootKey))
            .Call("cam", "2019-01-16", WireEmulator.TencentWrite, new JsonObject(), idempotent: true);

        Assert.Equal(true, response.GetBoolean("Done"));
        Assert.Equal(new[] { "InternalError", "OK" }, _emu.CallsOf("Tencent", WireEmulator.TencentWrite).Select(c => c.Result));
    }
}
