using System.Management.Automation;
using System.Text.RegularExpressions;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Tencent
{
    /// <summary>
    /// Temporary keys of a cross-account role, asked for with the task account's credentials just before each call that
    /// carries them (configure, verify, start), so a re-run hours later never sends expired keys. STS failures become
    /// the guide's FAQ diagnosis.
    /// </summary>
    internal sealed class TencentRoleKeys
    {
        private readonly TencentProvider _provider;

        public TencentRoleKeys(TencentProvider provider)
        {
            _provider = provider;
        }

        /// <summary>Null when the side is in the task account.</summary>
        public TencentSts.TemporaryKeys For(TencentSyncSpec.Side side, string jobName)
        {
            if (!side.CrossAccount) return null;
            var ctx = _provider.Context;
            string arn = TencentPolicyDocuments.RoleArn(side.AccountId, side.RoleName);
            try
            {
                return new TencentSts(_provider.Client(ctx.Credential)).AssumeRole(arn, side.Endpoint.ExternalId, SessionName(jobName));
            }
            catch (CloudApiException x) when (TencentAccessDiagnostics.IsRoleNotFound(x))
            {
                throw new DtsCrossAccountException("CrossAccountRoleNotFound", ErrorCategory.ObjectNotFound,
                    TencentAccessDiagnostics.RoleNotFoundMessage(side.AccountId, side.RoleName) + " ([" + x.Code + "] " + x.ApiClause + ").", arn, x);
            }
            catch (CloudApiException x) when (TencentAccessDiagnostics.IsDenied(x))
            {
                var caller = _provider.GetCallerIdentity(ctx.Credential);
                throw new DtsCrossAccountException("CrossAccountAssumeRoleDenied", ErrorCategory.PermissionDenied,
                    "Not allowed to assume " + arn + " ([" + x.Code + "] " + x.ApiClause + "). " +
                    TencentAccessDiagnostics.DeniedRemedy(caller, side.AccountId, side.RoleName, side.Endpoint.ExternalId), arn, x);
            }
        }

        internal static string SessionName(string jobName)
        {
            // STS RoleSessionName takes ASCII only: every other character of the task name becomes '-'.
            string safe = Regex.Replace(jobName, @"[^A-Za-z0-9_+=,.@-]", "-");
            string name = "dts-sync-" + safe;
            return name.Length <= 64 ? name : name.Substring(0, 64);
        }
    }
}
