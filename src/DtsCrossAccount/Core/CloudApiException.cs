using System;
using System.Management.Automation;

namespace DtsCrossAccount.Core
{
    /// <summary>An error answered by a cloud API (or the transport failing to reach it).</summary>
    public sealed class CloudApiException : DtsCrossAccountException
    {
        public CloudApiException(CloudKind cloud, string service, string action, string code, string apiMessage, string requestId, int httpStatus, Exception inner = null, string remedy = null, bool outcomeUnknown = false)
            : base(MapErrorId(code), MapCategory(code, httpStatus), Format(cloud, service, action, code, apiMessage, requestId), action, inner,
                  (string.IsNullOrEmpty(remedy) ? (outcomeUnknown ? null : DefaultRemedy(service, action, code, httpStatus)) : remedy)
                  + (outcomeUnknown ? (string.IsNullOrEmpty(remedy) ? "" : " ") + OutcomeUnknownRemedy : ""))
        {
            OutcomeUnknown = outcomeUnknown;
            Cloud = cloud;
            Service = service;
            Action = action;
            Code = code;
            ApiMessage = apiMessage;
            RequestId = requestId;
            HttpStatus = httpStatus;
        }

        public CloudKind Cloud { get; }
        public string Service { get; }
        public string Action { get; }
        /// <summary>The cloud's error code, e.g. InvalidParameter.RoleNotExist or EntityNotExist.Role.</summary>
        public string Code { get; }
        public string ApiMessage { get; }
        /// <summary>The cloud's message without its closing full stop, to quote inside a sentence of ours that ends with one.</summary>
        internal string ApiClause => (ApiMessage ?? "").TrimEnd('.');
        public string RequestId { get; }
        public int HttpStatus { get; }
        /// <summary>A write whose answer was lost or failed on the server side: it may or may not have taken effect.</summary>
        public bool OutcomeUnknown { get; }

        internal const string OutcomeUnknownRemedy =
            "The change may have been made before the answer was lost; run the command again: it reads what exists first and only does what is missing.";

        /// <summary>
        /// Codes that say the server failed (not the request): retried for idempotent calls, an unknown outcome for writes.
        /// Tencent answers them with HTTP 200 (InternalError, ResourceUnavailable, ServiceUnavailable); Alibaba with 5xx
        /// (InternalError, ServiceUnavailable, UnknownError: aliyunsdkcore retry_config.json). Only the bare codes: sub-codes
        /// such as InternalError.GetRoleError are answers about the request (a missing role), not faults.
        /// </summary>
        internal static bool IsServerFaultCode(string code) =>
            code == "InternalError" || code == "InternalError.SystemError" || code == "ServiceUnavailable" || code == "UnknownError"
            || code == "ResourceUnavailable";

        /// <summary>
        /// What to check when the cloud did not accept the key itself (wrong secret, unknown or expired key, clock skew):
        /// the cloud's message alone does not say which of the user's settings supplied the key.
        /// </summary>
        internal static string AuthenticationRemedy(string code, CloudCredential credential)
        {
            if (code == "SignatureNonceUsed")
                return "The same signed request reached the cloud twice (a proxy or the network re-sent it); the key is fine. Run the command again.";
            if (credential == null || MapCategory(code, 0) != ErrorCategory.AuthenticationError) return null;
            if ((code ?? "").IndexOf("Expire", StringComparison.OrdinalIgnoreCase) >= 0 && (code ?? "").IndexOf("Token", StringComparison.OrdinalIgnoreCase) < 0
                && (code ?? "").IndexOf("Security", StringComparison.OrdinalIgnoreCase) < 0)
                return "Check this machine's clock (requests are signed with the current time) and try again.";
            return string.Format("Check the key {0} from {1}: the secret must belong to that key ID, temporary keys need their session token (-SessionToken), and the key must still be active.",
                credential.MaskedId, credential.Source);
        }

        /// <summary>What to do about an API error no caller explained better, by its kind.</summary>
        private static string DefaultRemedy(string service, string action, string code, int httpStatus)
        {
            switch (MapCategory(code, httpStatus))
            {
                case ErrorCategory.PermissionDenied:
                    return string.Format("Use credentials allowed to call {0}:{1}, or grant that permission to this identity.", service, action);
                case ErrorCategory.ConnectionError:
                    return "Check the network and the endpoint (-EndpointUrl / DTSCROSSACCOUNT_ENDPOINT_URL), then run the same command again.";
                case ErrorCategory.LimitsExceeded:
                    return "Wait a minute and run the same command again (the module already retried with backoff).";
                default:
                    return string.Format("Check the cloud's code [{0}] for {1} {2} in its API documentation, fix the cause and run the same command again.", code, service, action);
            }
        }

        public bool IsThrottling =>
            Code != null && (Code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal) || Code.StartsWith("Throttling", StringComparison.Ordinal));

        private static string Format(CloudKind cloud, string service, string action, string code, string message, string requestId)
        {
            return string.Format("{0} {1} {2} failed: [{3}] {4}{5}", cloud, service, action, code, message,
                string.IsNullOrEmpty(requestId) ? "" : " (RequestId " + requestId + ")");
        }

        private static string MapErrorId(string code) => "CloudApi." + (string.IsNullOrEmpty(code) ? "Unknown" : code);

        private static ErrorCategory MapCategory(string code, int httpStatus)
        {
            code = code ?? "";
            if (code.StartsWith("AuthFailure.SignatureFailure") || code.StartsWith("AuthFailure.SecretIdNotFound") || code.StartsWith("AuthFailure.InvalidSecretId")
                || code.StartsWith("SignatureDoesNotMatch") || code.StartsWith("InvalidAccessKeyId") || code.StartsWith("AuthFailure.SignatureExpire")
                || code.StartsWith("InvalidSecurityToken") || code.StartsWith("AuthFailure.TokenFailure") || code.StartsWith("InvalidTimeStamp"))
                return ErrorCategory.AuthenticationError;
            // A copy of a request already received: the key was fine, something on the way re-sent it.
            if (code.StartsWith("SignatureNonceUsed")) return ErrorCategory.ConnectionError;
            if (code.StartsWith("RequestLimitExceeded") || code.StartsWith("Throttling")) return ErrorCategory.LimitsExceeded;
            if (IsServerFaultCode(code)) return ErrorCategory.ResourceUnavailable;
            if (code.Contains("Unauthorized") || code.StartsWith("NoPermission") || code.StartsWith("Forbidden") || httpStatus == 403)
                return ErrorCategory.PermissionDenied;
            if (code.Contains("NotExist") || code.Contains("NotFound") || httpStatus == 404) return ErrorCategory.ObjectNotFound;
            if (code.Contains("InUse") || code.Contains("AlreadyExists") || httpStatus == 409) return ErrorCategory.ResourceExists;
            if (code.StartsWith("InvalidParameter") || code.StartsWith("MissingParameter") || code.StartsWith("MalformedPolicyDocument")) return ErrorCategory.InvalidArgument;
            if (code.StartsWith("Network") || httpStatus == 0) return ErrorCategory.ConnectionError;
            if (httpStatus >= 500) return ErrorCategory.ResourceUnavailable;
            return ErrorCategory.NotSpecified;
        }
    }
}
