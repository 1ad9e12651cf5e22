using System;
using DtsCrossAccount.Core;
using DtsCrossAccount.Services;

namespace DtsCrossAccount.Alibaba
{
    /// <summary>The Alibaba Cloud side of the seam.</summary>
    internal sealed class AlibabaProvider : ICloudProvider
    {
        private readonly ProviderContext _ctx;

        public AlibabaProvider(ProviderContext ctx)
        {
            _ctx = ctx ?? throw new ArgumentNullException(nameof(ctx));
        }

        public CloudKind Cloud => CloudKind.Alibaba;
        public string DefaultRoleName => throw new NotImplementedException();
        public void ValidateAccountId(string value, string parameterName) => throw new NotImplementedException();
        public void ValidateRoleName(string value, string parameterName) => throw new NotImplementedException();
        public void ValidateRegion(string value, string parameterName) => throw new NotImplementedException();
        public CallerIdentity GetCallerIdentity(CloudCredential credential) => throw new NotImplementedException();
        public ChangePlan<CrossAccountRole> PlanRole(RoleRequest request) => throw new NotImplementedException();
        public ChangePlan<CrossAccountRole> PlanTrustPolicy(TrustPolicyRequest request) => throw new NotImplementedException();
        public ChangePlan<AssumeRoleGrant> PlanGrant(GrantRequest request) => throw new NotImplementedException();
        public AccessCheck TestAccess(AccessCheckRequest request) => throw new NotImplementedException();
        public ChangePlan<SyncTask> PlanSyncTask(SyncTaskRequest request) => throw new NotImplementedException();
    }
}
