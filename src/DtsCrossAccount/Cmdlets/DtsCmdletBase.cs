using System;
using System.Management.Automation;
using System.Threading;
using DtsCrossAccount.Core;
using DtsCrossAccount.Credentials;
using DtsCrossAccount.Services;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// What every DtsCrossAccount cmdlet shares: the cloud, credential and endpoint parameters, the bridge from the
    /// service layer's reporter to PowerShell's streams, and one way of turning failures into error records.
    /// </summary>
    public abstract class DtsCmdletBase : PSCmdlet, IOperationReporter
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private int _progressDepth;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, HelpMessage = "The cloud: Tencent or Alibaba.")]
        public CloudKind Cloud { get; set; }

        /// <summary>User name = SecretId / AccessKeyId, password = SecretKey / AccessKeySecret (an Azure Automation credential asset).</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>Session token that goes with temporary keys given in -Credential.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SessionToken { get; set; }

        /// <summary>A profile of ~/.tencentcloud/credentials or ~/.aliyun/config.json.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string ProfileName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public virtual string Region { get; set; }

        /// <summary>Sends every API call of both clouds to this base URL (an emulator or a proxy). Plain http only to loopback.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri EndpointUrl { get; set; }

        CancellationToken IOperationReporter.Cancellation => _cancel.Token;

        protected override void StopProcessing()
        {
            _cancel.Cancel();
            base.StopProcessing();
        }

        /// <summary>Builds the provider context for this invocation. Credentials are resolved only when a call needs them.</summary>
        internal ProviderContext CreateContext(CloudCredential ownerCredential = null)
        {
            // -Region is checked even where a cmdlet does not use it: a mistyped value must not pass silently.
            if (!string.IsNullOrEmpty(Region)) ValidationProvider().ValidateRegion(Region, "-Region");
            var endpoint = EndpointResolver.FromParameter(EndpointUrl);
            if (endpoint.Override != null) WriteDebug("All API calls go to the endpoint override " + endpoint.Override + ".");
            var credential = CredentialChain.Resolve(Cloud, new CredentialRequest
            {
                AccessKeyId = Credential?.UserName,
                Secret = Credential?.GetNetworkCredential().Password,
                SessionToken = SessionToken,
                ProfileName = ProfileName,
            });
            WriteDebug("Credentials: " + credential + ".");
            return new ProviderContext
            {
                Credential = credential,
                OwnerCredential = ownerCredential,
                Region = Region,
                EndpointOverride = endpoint.Override,
                Reporter = this,
                // Real time for every user; a test may have given this runspace a virtual clock (RunspaceClock).
                Transport = new TransportSettings { Time = RunspaceClock.For(System.Management.Automation.Runspaces.Runspace.DefaultRunspace) },
            };
        }

        /// <summary>Resolves a second identity given by -Owner* parameters (same chain, named parameters in messages).</summary>
        internal CloudCredential ResolveSecondCredential(PSCredential credential, string profileName, string credentialParameter, string profileParameter)
        {
            if (credential == null && string.IsNullOrEmpty(profileName)) return null;
            var resolved = CredentialChain.Resolve(Cloud, new CredentialRequest
            {
                AccessKeyId = credential?.UserName,
                Secret = credential?.GetNetworkCredential().Password,
                ProfileName = profileName,
                ParameterName = credentialParameter,
                ProfileParameterName = profileParameter,
            });
            WriteDebug(credentialParameter + ": " + resolved + ".");
            return resolved;
        }

        internal CrossAccountService CreateService(ProviderContext ctx)
        {
            return new CrossAccountService(CloudProviderFactory.Create(Cloud, ctx), ctx);
        }

        /// <summary>A provider used only for input checks that make no call (no credentials needed).</summary>
        internal ICloudProvider ValidationProvider() => CloudProviderFactory.Create(Cloud, new ProviderContext { Reporter = this });

        /// <summary>Shows the plan under -WhatIf / -Confirm and applies it when allowed. Returns the object to write.</summary>
        internal T ApplyPlan<T>(ChangePlan<T> plan) where T : class
        {
            if (!plan.HasChanges)
            {
                WriteVerbose("Nothing to change: " + plan.Target + " is already as requested.");
                return plan.Current;
            }
            foreach (var change in plan.Changes) WriteVerbose("Plan: " + change);
            foreach (var check in plan.Checks) WriteVerbose("Check before buying: " + check.Name + " " + check.Result + ": " + check.Message);
            if (!ShouldProcess(plan.Target, plan.Describe())) return null;
            if (plan.SpendingNotice != null && !SkipSpendingQuestion && !ShouldContinue(plan.SpendingNotice, "Confirm the purchase"))
                return null;
            return plan.Apply();
        }

        /// <summary>True when the cmdlet's -Force answers <see cref="ChangePlan{T}.SpendingNotice"/> in advance.</summary>
        internal virtual bool SkipSpendingQuestion => false;

        /// <summary>Runs one unit of work, turning failures into error records so the pipeline can go on with the next input.</summary>
        internal void Run(Action body)
        {
            try
            {
                RefuseUnusableCredentialArguments();
                body();
            }
            catch (DtsCrossAccountException e)
            {
                WriteError(ToErrorRecord(e));
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                CompleteProgress();
            }
        }

        /// <summary>
        /// Credential arguments that would otherwise fail deep inside (NullReferenceException) or be dropped silently:
        /// an empty PSCredential ([pscredential]::Empty) in any credential parameter, and -SessionToken without the
        /// -Credential it belongs to. Checked before any call.
        /// </summary>
        private void RefuseUnusableCredentialArguments()
        {
            foreach (var bound in MyInvocation.BoundParameters)
            {
                if (!(bound.Value is PSCredential credential) || !IsEmpty(credential)) continue;
                string name = "-" + bound.Key;
                bool database = bound.Key.EndsWith("DatabaseCredential", StringComparison.OrdinalIgnoreCase);
                string keyName = Cloud == CloudKind.Tencent ? "SecretId" : "AccessKeyId";
                throw new DtsCrossAccountException("EmptyCredential", ErrorCategory.InvalidArgument,
                    name + " is empty ([pscredential]::Empty or a credential without a user name), so it carries no "
                    + (database ? "database account." : "key."),
                    bound.Key,
                    remedy: database
                        ? "Pass the user name and password of the database account DTS signs in with, for example " + name + " (Get-Credential)."
                        : "Pass the key pair as " + name + " (user name = " + keyName + ", password = the secret; e.g. Get-Credential or Get-AutomationPSCredential), "
                          + "or leave " + name + " out and name a profile with " + (bound.Key.StartsWith("Owner", StringComparison.OrdinalIgnoreCase) ? "-OwnerProfileName" : "-ProfileName") + ".");
            }
            if (!string.IsNullOrEmpty(SessionToken) && Credential == null)
            {
                throw new DtsCrossAccountException(!string.IsNullOrEmpty(ProfileName) ? "SessionTokenWithProfile" : "SessionTokenWithoutCredential", ErrorCategory.InvalidArgument,
                    !string.IsNullOrEmpty(ProfileName)
                        ? "-SessionToken cannot be combined with -ProfileName: the token belongs to the temporary keys given in -Credential, and a profile carries its own token."
                        : "-SessionToken was given without -Credential: the token belongs to the temporary keys given in -Credential and would be ignored.",
                    "SessionToken",
                    remedy: Cloud == CloudKind.Tencent
                        ? "Pass the temporary keys as -Credential with -SessionToken, or drop -SessionToken and keep the token in the profile (the 'token' key of its section)."
                        : "Pass the temporary keys as -Credential with -SessionToken, or drop -SessionToken and keep the token in the profile (mode StsToken, key sts_token).");
            }
        }

        private static bool IsEmpty(PSCredential credential) =>
            credential == PSCredential.Empty || string.IsNullOrEmpty(credential.UserName) || credential.Password == null;

        /// <summary>The full message stays the error's text; the remedy is also on its own in RecommendedAction.</summary>
        internal static ErrorRecord ToErrorRecord(DtsCrossAccountException e) =>
            new ErrorRecord(e, e.ErrorId, e.Category, e.Target)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.Remedy },
            };

        void IOperationReporter.Verbose(string message) => WriteVerbose(message);
        void IOperationReporter.Debug(string message) => WriteDebug(message);
        void IOperationReporter.Warning(string message) => WriteWarning(message);

        void IOperationReporter.Progress(string activity, string status, int percent, bool completed)
        {
            var record = new ProgressRecord(ProgressActivityId, activity, string.IsNullOrEmpty(status) ? activity : status)
            {
                PercentComplete = percent < 0 ? -1 : Math.Min(100, percent),
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _progressDepth = completed ? 0 : 1;
            WriteProgress(record);
        }

        private int ProgressActivityId => Math.Abs(GetType().Name.GetHashCode()) % 10000 + 1;

        private void CompleteProgress()
        {
            if (_progressDepth == 0) return;
            _progressDepth = 0;
            WriteProgress(new ProgressRecord(ProgressActivityId, GetType().Name, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
