using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tencent
{
    /// <summary>The STS 2018-08-13 actions the module uses: GetCallerIdentity ("who am I") and AssumeRole (temporary keys).</summary>
    internal sealed class TencentSts
    {
        private const string Service = "sts";
        private const string Version = "2018-08-13";
        private readonly TencentApiClient _client;

        public TencentSts(TencentApiClient client)
        {
            _client = client;
        }

        public CallerIdentity GetCallerIdentity()
        {
            var r = _client.Call(Service, Version, "GetCallerIdentity", new JsonObject(), TencentRegions.StsRegion);
            string accountId = r.GetString("AccountId");
            string userId = r.GetString("UserId");
            string arn = r.GetString("Arn");
            string type = r.GetString("Type") ?? "";
            // Type is documented only by example ("CAMUser"); UserId is the UIN for an account, roleId:session for a role.
            string kind;
            if (type.IndexOf("Role", System.StringComparison.OrdinalIgnoreCase) >= 0 || (arn ?? "").Contains(":roleName/")
                || (userId ?? "").Contains(":"))
                kind = "AssumedRole";
            else if (!string.IsNullOrEmpty(userId) && userId == accountId)
                kind = "Root";
            else
                kind = "SubAccount";
            return new CallerIdentity { Cloud = CloudKind.Tencent, AccountId = accountId, UserId = userId, Arn = arn, Type = kind };
        }

        /// <summary>Temporary keys for a role; kept out of every message and ToString.</summary>
        public sealed class TemporaryKeys
        {
            internal string TmpSecretId;
            internal string TmpSecretKey;
            internal string Token;
            public string Expiration;

            public override string ToString() => "temporary keys until " + Expiration;
        }

        public TemporaryKeys AssumeRole(string roleArn, string externalId, string sessionName)
        {
            var request = new JsonObject()
                .Set("RoleArn", roleArn)
                .Set("RoleSessionName", sessionName)
                .SetIfNotNull("ExternalId", string.IsNullOrEmpty(externalId) ? null : externalId);
            var r = _client.Call(Service, Version, "AssumeRole", request, TencentRegions.StsRegion, idempotent: true);
            var credentials = r.GetObject("Credentials") ?? new JsonObject();
            return new TemporaryKeys
            {
                TmpSecretId = credentials.GetString("TmpSecretId"),
                TmpSecretKey = credentials.GetString("TmpSecretKey"),
                Token = credentials.GetString("Token"),
                Expiration = r.GetString("Expiration"),
            };
        }
    }
}
