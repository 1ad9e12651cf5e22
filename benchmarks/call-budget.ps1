<#
.SYNOPSIS
    Counts the API calls of each scenario on each cloud, prints every call with its reason, and fails when a scenario
    makes more calls than its budget or a re-run makes any write.

.DESCRIPTION
    Run it against a fresh emulator, either through the offline sandbox:
        dotnet run --project src/DtsCrossAccount.Sandbox -- benchmarks/call-budget.ps1
    or in pwsh after `./build.ps1 -Task Emulator` (which sets DTSCROSSACCOUNT_ENDPOINT_URL and the seeded profiles):
        dotnet pwsh -NoProfile -File benchmarks/call-budget.ps1      # exit code 1 when a budget is exceeded

    The scenarios run in the order a user runs them in one session (the quickstart's order), so the caller identity
    of a key is asked once, by the first command that uses that key; later commands with the same key take it from
    the process-wide cache. Each scenario is then run again: the re-run must make no write.

    Budgets are the documented minimum: the steps themselves, the pre-flight checks (whose keys these are, does the
    role/instance exist) and the lookups that let a re-run resume. No budget is above the count measured before the
    "fewest calls" work, except the sync task's pre-flight reads.
#>
[CmdletBinding()]
param(
    # The emulator's base URL; by default the one the sandbox or ./build.ps1 -Task Emulator put in the environment.
    [string] $EndpointUrl = $env:DTSCROSSACCOUNT_ENDPOINT_URL
)
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root; otherwise the one already loaded, or the installed one.
$manifest = Join-Path $PSScriptRoot '../DtsCrossAccount.psd1'
if (Test-Path $manifest) { Import-Module $manifest } elseif (-not (Get-Module DtsCrossAccount)) { Import-Module DtsCrossAccount }
if (-not $EndpointUrl) { throw 'No emulator: run ./build.ps1 -Task Emulator first, or run this script through the sandbox.' }
$EndpointUrl = $EndpointUrl.TrimEnd('/')

# Budget table: calls per scenario (first run, then re-run). Kept in step with the README's "Call budgets" table.
$Budgets = [ordered]@{
    'Tencent role'   = @{ First = 5; Rerun = 3 }
    'Tencent trust'  = @{ First = 2; Rerun = 2 }
    'Tencent grant'  = @{ First = 5; Rerun = 4 }
    'Tencent access' = @{ First = 5; Rerun = 4 }
    'Tencent task'   = @{ First = 14; Rerun = 3 }   # 10 before + the checks before buying (AssumeRole, both instance listings, the name lookup)
    'Alibaba role'   = @{ First = 4; Rerun = 2 }    # the documented minimum: GetCallerIdentity, GetRole, CreateRole, AttachPolicyToRole
    'Alibaba trust'  = @{ First = 2; Rerun = 2 }
    'Alibaba grant'  = @{ First = 6; Rerun = 3 }
    'Alibaba access' = @{ First = 4; Rerun = 3 }
    'Alibaba task'   = @{ First = 13; Rerun = 3 }   # 11 before + the checks before buying
    # The life cycle and the undo, in offboarding order (the re-run finds nothing to do: one read)
    'Tencent get'    = @{ First = 1; Rerun = 1 }
    'Tencent release' = @{ First = 10; Rerun = 1 }   # find by name, the plan's read, a fresh read after -Confirm; Stop + 2 polls, Isolate + 1, Destroy + 1
    'Tencent revoke' = @{ First = 8; Rerun = 2 }    # ListEntitiesForPolicy twice on purpose: re-read just before DeletePolicy, which detaches from everyone
    'Tencent unrole' = @{ First = 4; Rerun = 1 }
    'Alibaba get'    = @{ First = 1; Rerun = 1 }
    'Alibaba release' = @{ First = 4; Rerun = 1 }   # find by name, the plan's read, DeleteDtsJob, one poll until it is gone
    'Alibaba revoke' = @{ First = 8; Rerun = 2 }    # as Tencent, plus ListPolicyVersions (non-default versions go first)
    'Alibaba unrole' = @{ First = 4; Rerun = 1 }
}


# Why each call is made. A call whose action has no reason here is reported and fails the run.
$Reasons = @{
    GetCallerIdentity          = 'whose keys these are: refuse the wrong account before any write (once per key per process)'
    DescribeSubAccounts        = 'pre-flight: is this UIN a sub-account (a role may not trust one; a grant needs it to exist)'
    DescribeMigrateDBInstances = 'check: list the owner''s instances through the role, as the DTS console does'
    GetRole                    = 'does the role exist, with which trust policy (create or resume); the access test also reads the task account''s DTS service role'
    CreateRole                 = 'step: create the role'
    AttachRolePolicy           = 'step: attach the DTS policy to the role'
    AttachPolicyToRole         = 'step: attach the DTS policy to the role'
    ListAttachedRolePolicies   = 'is the DTS policy attached to the existing role (re-run resumes)'
    ListPoliciesForRole        = 'is the DTS policy attached to the existing role (re-run resumes)'
    UpdateAssumeRolePolicy     = 'step: set the trust policy'
    UpdateRole                 = 'step: set the trust policy'
    ListPolicies               = 'does the assume-role policy exist (create or resume)'
    GetPolicy                  = 'does the assume-role policy exist, with which document'
    CreatePolicy               = 'step: create the assume-role policy'
    AttachUserPolicy           = 'step: attach the policy to the sub-account'
    AttachPolicyToUser         = 'step: attach the policy to the RAM user'
    ListAttachedUserPolicies   = 'is the policy attached to the sub-account (re-run resumes)'
    ListPoliciesForUser        = 'is the policy attached to the RAM user (re-run resumes)'
    GetUser                    = 'does the sub-account / RAM user exist (clear error before any write)'
    GetSubAccount              = 'does the sub-account exist (clear error before any write)'
    ListUsers                  = 'does the sub-account exist (clear error before any write)'
    AssumeRole                 = 'check: the task account can assume the role, as DTS does'
    DescribeDBInstances        = 'check: list the owner''s instances through the role, as the DTS console does'
    DescribeDBInstanceAttribute = 'pre-flight: the instance exists in the owner''s account and region'
    DescribeDtsJobs            = 'find the task by name (pre-flight, resume, get, release)'
    DescribeSyncJobs           = 'find the task by name or ID (pre-flight, resume, get); its state before and while it is stopped and released'
    CreateSyncJob              = 'step: buy the sync task'
    ConfigureSyncJob           = 'step: configure endpoints and objects'
    CreateCheckSyncJob         = 'step: start the pre-check'
    DescribeCheckSyncJobResult = 'wait: poll the pre-check'
    StartSyncJob               = 'step: start the task'
    CreateDtsInstance          = 'step: buy the DTS instance'
    ConfigureDtsJob            = 'step: configure endpoints and objects'
    DescribePreCheckStatus     = 'wait: poll the pre-check'
    StartDtsJob                = 'step: start the task'
    DescribeDtsJobDetail       = 'wait: poll the task until it runs; read the task''s state before a stop or release'
    StopSyncJob                = 'step: stop the running task before it is isolated'
    IsolateSyncJob             = 'step: isolate (return) the task''s resources'
    DestroySyncJob             = 'step: release the isolated task'
    StopDtsJob                 = 'step: end the task'
    DeleteDtsJob               = 'step: release the task''s instance'
    DetachUserPolicy           = 'step: detach the grant''s policy from the sub-account'
    DetachPolicyFromUser       = 'step: detach the grant''s policy from the RAM user'
    ListEntitiesForPolicy      = 'does any other principal still hold the policy (keep it if so)'
    ListPolicyVersions         = 'the policy''s non-default versions, deleted before the policy'
    DeletePolicyVersion        = 'step: delete a non-default policy version'
    DeletePolicy               = 'step: delete the grant''s policy'
    DetachRolePolicy           = 'step: detach the DTS policy from the role'
    DetachPolicyFromRole       = 'step: detach the DTS policy from the role'
    DeleteRole                 = 'step: delete the role'
}

# Lines go straight to the host, so the budget report reads the same in pwsh and in the Sandbox, in order with the
# cmdlets' own host lines. ConvertFrom-Json (unlike piping Invoke-RestMethod) hands on one object per call.
function Say([string] $text) { $Host.UI.WriteLine($text) }
function Get-Calls {
    (Invoke-WebRequest -Uri "$EndpointUrl/_emulator/calls").Content | ConvertFrom-Json |
        ForEach-Object { [pscustomobject]@{ Action = $_.Action; IsWrite = [bool]$_.IsWrite; Result = $_.Result } }
}
function Clear-Calls { $null = Invoke-WebRequest -Method Delete -Uri "$EndpointUrl/_emulator/calls" }

$db = [pscredential]::new('dts_sync', [System.Net.NetworkCredential]::new('', 'Example-Passw0rd!').SecurePassword)
$taskCommon = @{ SourceEngine = 'MySQL'; DestinationEngine = 'MySQL'; SourceDatabaseCredential = $db; DestinationDatabaseCredential = $db; Database = 'shop'; Wait = $true; Confirm = $false }

# The scenarios, in the order a user runs them (the quickstart's).
$Scenarios = [ordered]@{
    'Tencent role'   = { New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName budget-role -ProfileName tencent-a }
    'Tencent trust'  = { Set-DtsTrustPolicy -Cloud Tencent -AccountId 100000000001 -RoleName budget-role -TrustedAccountId 100000000002 -ProfileName tencent-a -Confirm:$false }
    'Tencent grant'  = { Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId 100000000001 -RoleName budget-role -SubAccountUin 100000000021 -ProfileName tencent-b }
    'Tencent access' = { Test-DtsCrossAccountAccess -Cloud Tencent -RoleAccountId 100000000001 -RoleName budget-role -Region ap-guangzhou -ProfileName tencent-b-sub -OwnerProfileName tencent-a }
    'Tencent task'   = { New-DtsSyncTask -Cloud Tencent -SourceAccountId 100000000001 -SourceRoleName budget-role -Name budget-task -Region ap-guangzhou -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 -ProfileName tencent-b-sub @taskCommon }
    'Alibaba role'   = { New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName budget-role -ProfileName alibaba-a }
    'Alibaba trust'  = { Set-DtsTrustPolicy -Cloud Alibaba -AccountId 1000000000000001 -RoleName budget-role -TrustedAccountId 1000000000000002 -ProfileName alibaba-a -Confirm:$false }
    'Alibaba grant'  = { Grant-DtsSubAccountAssumeRole -Cloud Alibaba -RoleAccountId 1000000000000001 -RoleName budget-role -RamUserName dts-operator -ProfileName alibaba-c }
    'Alibaba access' = { Test-DtsCrossAccountAccess -Cloud Alibaba -RoleAccountId 1000000000000001 -RoleName budget-role -Region cn-hangzhou -ProfileName alibaba-b -OwnerProfileName alibaba-a }
    'Alibaba task'   = { New-DtsSyncTask -Cloud Alibaba -SourceAccountId 1000000000000001 -SourceRoleName budget-role -Name budget-task -Region cn-hangzhou -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 -ProfileName alibaba-b @taskCommon }
    'Tencent get'    = { Get-DtsSyncTask -Cloud Tencent -Name budget-task -Region ap-guangzhou -ProfileName tencent-b-sub }
    'Tencent release' = { Remove-DtsSyncTask -Cloud Tencent -Name budget-task -Region ap-guangzhou -ProfileName tencent-b-sub -Force -Confirm:$false }
    'Tencent revoke' = { Revoke-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId 100000000001 -RoleName budget-role -SubAccountUin 100000000021 -ProfileName tencent-b -Confirm:$false }
    'Tencent unrole' = { Remove-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -RoleName budget-role -ProfileName tencent-a -Confirm:$false }
    'Alibaba get'    = { Get-DtsSyncTask -Cloud Alibaba -Name budget-task -Region cn-hangzhou -ProfileName alibaba-b }
    'Alibaba release' = { Remove-DtsSyncTask -Cloud Alibaba -Name budget-task -Region cn-hangzhou -ProfileName alibaba-b -Force -Confirm:$false }
    'Alibaba revoke' = { Revoke-DtsSubAccountAssumeRole -Cloud Alibaba -RoleAccountId 1000000000000001 -RoleName budget-role -RamUserName dts-operator -ProfileName alibaba-c -Confirm:$false }
    'Alibaba unrole' = { Remove-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -RoleName budget-role -ProfileName alibaba-a -Confirm:$false }
}

function Measure-Scenario([string] $name, [scriptblock] $body, [string] $run) {
    Clear-Calls
    $null = & $body
    $calls = @(Get-Calls)
    $budget = $Budgets[$name][$run]
    # AssumeRole is a write to the emulator's log but changes no state: it only hands out temporary keys.
    $writes = @($calls | Where-Object { $_.IsWrite -and $_.Result -eq 'OK' -and $_.Action -ne 'AssumeRole' }).Count
    $unexplained = 0
    Say ("{0} ({1}): {2} calls, budget {3}{4}" -f $name, $(if ($run -eq 'First') { 'first run' } else { 're-run' }), $calls.Count, $budget,
        $(if ($run -eq 'Rerun') { ", writes $writes" } else { '' }))
    foreach ($c in $calls) {
        $reason = $Reasons[$c.Action]
        if (-not $reason) { $reason = 'NO REASON: not expected'; $unexplained++ }
        Say ("    {0,-28} {1,-5} {2}" -f $c.Action, $(if ($c.IsWrite) { 'write' } else { 'read' }), $reason)
    }
    [pscustomobject]@{
        Scenario    = $name
        Run         = $run
        Calls       = $calls.Count
        Budget      = $budget
        Writes      = $writes
        Unexplained = $unexplained
        Ok          = $calls.Count -le $budget -and $unexplained -eq 0 -and ($run -eq 'First' -or $writes -eq 0)
    }
}

$results = foreach ($name in $Scenarios.Keys) {
    Measure-Scenario $name $Scenarios[$name] 'First'
    Measure-Scenario $name $Scenarios[$name] 'Rerun'
}
Say ''
Say ('{0,-16} {1,-6} {2,5} {3,6} {4,6}  {5}' -f 'Scenario', 'Run', 'Calls', 'Budget', 'Writes', 'Within')
foreach ($r in $results) { Say ('{0,-16} {1,-6} {2,5} {3,6} {4,6}  {5}' -f $r.Scenario, $r.Run, $r.Calls, $r.Budget, $r.Writes, $r.Ok) }
$failed = @($results | Where-Object { -not $_.Ok })
if ($failed.Count) {
    throw ("Over budget, unexplained calls or writes on a re-run: " + (($failed | ForEach-Object { "$($_.Scenario) ($($_.Run)): $($_.Calls) calls / budget $($_.Budget), writes $($_.Writes), unexplained $($_.Unexplained)" }) -join '; '))
}
Say "All $($results.Count) scenario runs within budget; re-runs made no write."
