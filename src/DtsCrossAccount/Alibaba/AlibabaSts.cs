using System.Collections.Generic;
using DtsCrossAccount.Core;
using DtsCrossAccount.Json;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>STS 2015-04-01: who is calling, and assuming a role (cloud-apis.md §5 and Addendum).</summary>
    internal sealed class AlibabaSts
    {
        internal const string Service = "sts";
        internal const string Version = "2015-04-01";

        private readonly AlibabaApiClient _client;

        public AlibabaSts(AlibabaApiClient client)
        {
            _client = client;
        }

        public CallerIdentity GetCallerIdentity()
        {
            var body = _client.Call(Service, Version, "GetCallerIdentity", new Dictionary<string, string>());
            return new CallerIdentity
            {
                Cloud = CloudKind.Alibaba,
                AccountId = body.GetString("AccountId"),
                UserId = body.GetString("UserId"),
                Arn = body.GetString("Arn"),
                Type = MapIdentityType(body.GetString("IdentityType")),
            };
        }

        /// <summary>Account → Root, RAMUser → RamUser, AssumedRoleUser → AssumedRole (help.aliyun.com/document_detail/43767.html).</summary>
        internal static string MapIdentityType(string identityType)
        {
            switch ((identityType ?? "").ToLowerInvariant())
            {
                case "account": return "Root";
                case "ramuser": return "RamUser";
                case "assumedroleuser": return "AssumedRole";
                default: return identityType;
            }
        }

        /// <summary>Temporary keys for the role; the secret and token stay inside the returned credential.</summary>
        public CloudCredential AssumeRole(string roleArn, string sessionName, int durationSeconds = 900)
        {
            var body = _client.Call(Service, Version, "AssumeRole", new Dictionary<string, string>
            {
                ["RoleArn"] = roleArn,
                ["RoleSessionName"] = sessionName,
                ["DurationSeconds"] = durationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, idempotent: true);   // a second set of temporary keys changes nothing that lasts: safe to repeat
            var c = body.GetObject("Credentials") ?? new JsonObject();
            return new CloudCredential(c.GetString("AccessKeyId"), c.GetString("AccessKeySecret"), c.GetString("SecurityToken"), "STS AssumeRole " + roleArn);
        }
    }
}
