using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>Registers the emulated Tencent CAM 2019-01-16, STS 2018-08-13, DTS 2021-12-06 and CDB 2017-03-20 actions.</summary>
public static class TencentApis
{
    public const string CamVersion = "2019-01-16";
    public const string StsVersion = "2018-08-13";
    public const string DtsVersion = "2021-12-06";
    public const string CdbVersion = "2017-03-20";

    public static void Register(ApiRegistry registry)
    {
        TencentCam.Register(registry);
        TencentSts.Register(registry);
        TencentDts.Register(registry);
        TencentCdb.Register(registry);
    }

    /// <summary>How CAM authorises an action before the service sees it.</summary>
    internal enum Auth
    {
        /// <summary>Root: always. Sub-account: only CAM writes need a grant. Assumed role: always needs a grant.</summary>
        Standard,
        /// <summary>No authorisation (whoami-style calls).</summary>
        None,
        /// <summary>The handler authorises itself because the resource comes from the request (sts:AssumeRole).</summary>
        InHandler,
    }

    internal static void Add(ApiRegistry registry, string service, string version, string action, bool isWrite, ApiHandler handler, Auth auth = Auth.Standard) =>
        registry.Add("Tencent", service, version, action, isWrite, request =>
        {
            if (auth == Auth.Standard) Authorize(request, service, action, isWrite);
            return handler(request);
        });

    private static void Authorize(ApiRequest request, string service, string action, bool isWrite)
    {
        var caller = request.Caller;
        if (caller.IsRoot) return;
        // Sub-accounts are assumed to hold the DTS/CDB rights the cross-account guide expects of the operator; CAM
        // writes are what the guide says need "CAM and role permissions".
        if (caller.Type == "SubAccount" && !(service == "cam" && isWrite)) return;
        var resource = $"qcs::{service}:{request.Region ?? ""}:uin/{caller.AccountId}:*";
        if (!TencentPolicyEvaluator.IsAllowed(request.State.Tencent, caller, $"{service}:{action}", resource))
            throw TencentPolicyEvaluator.Unauthorized($"{service}:{action}", resource);
    }

    /// <summary>The caller's root account; every principal the frontend builds belongs to a seeded account.</summary>
    internal static TencentAccount CallerAccount(ApiRequest request) =>
        request.State.Tencent.Accounts.TryGetValue(request.Caller.AccountId, out var a)
            ? a
            : throw new ApiError("AuthFailure.UnauthorizedOperation", "the caller's account does not exist.");
}
