<#
.SYNOPSIS
    Onboards many source accounts at once: in each, the cross-account role that the task account may assume, created in
    parallel with ForEach-Object -Parallel.

.DESCRIPTION
    Each source account is an object with AccountId and either ProfileName or Credential (the account owner's keys).
    Without -SourceAccount it onboards the sandbox's Tencent accounts A (tencent-a) and C (tencent-c) for task account
    B, so it runs unchanged in the offline sandbox (dotnet run --project src/DtsCrossAccount.Sandbox) and in pwsh after
    ./build.ps1 -Task Emulator.

    All runspaces share one process: one HTTP connection pool, one caller-identity cache and one rate limiter that
    keeps every account under the cloud's documented per-action limits, so a wide -ThrottleLimit is never throttled.
    Re-running it changes nothing (Changed = False for every account).

    Beyond one machine: split the accounts into batches and run this script unchanged once per batch, e.g. an Azure
    Automation parent runbook starting one child runbook job per batch (Start-AzAutomationRunbook -Parameters
    @{ SourceAccount = $batch }), each job with its own process, connection pool and limiter. Keep the batches of one
    cloud account in one job: the limiter counts per process.

.EXAMPLE
    $accounts = Import-Csv accounts.csv | ForEach-Object { [pscustomobject]@{ AccountId = $_.Uin; ProfileName = $_.Profile } }
    ./onboard-many-accounts.ps1 -SourceAccount $accounts -TrustedAccountId 100000000002 -ThrottleLimit 8
#>
[CmdletBinding()]
param(
    [object[]] $SourceAccount = @(
        [pscustomobject]@{ AccountId = '100000000001'; ProfileName = 'tencent-a' }
        [pscustomobject]@{ AccountId = '100000000003'; ProfileName = 'tencent-c' }
    ),
    [ValidateSet('Tencent', 'Alibaba')]
    [string] $Cloud = 'Tencent',
    # The root account that creates the DTS tasks and may assume every role.
    [string] $TrustedAccountId = '100000000002',
    [string] $RoleName = 'dts-cross-account',
    # 1 runs the accounts one after another in this runspace (no parallel runspaces at all).
    [ValidateRange(1, 64)]
    [int] $ThrottleLimit = 8
)
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

# One account's onboarding; the same block runs sequentially or in each parallel runspace.
$onboard = {
    param($account, $cloud, $trusted, $roleName)
    $p = @{ Cloud = $cloud; AccountId = $account.AccountId; TrustedAccountId = $trusted; RoleName = $roleName; ErrorAction = 'Stop' }
    if ($account.Credential) { $p.Credential = $account.Credential } else { $p.ProfileName = $account.ProfileName }
    New-DtsCrossAccountRole @p
}

if ($ThrottleLimit -eq 1) {
    $SourceAccount | ForEach-Object { & $onboard $_ $Cloud $TrustedAccountId $RoleName }
}
else {
    # One parallel item per runspace, each taking every ThrottleLimit-th account: ForEach-Object -Parallel resets a
    # runspace between items (tens of ms each), so 100 items cost far more than 8 items of 12-13 accounts.
    # Parallel runspaces start empty: import the module already loaded here (same file, so the same loaded assembly).
    $module = (Get-Module DtsCrossAccount).Path
    $onboardText = $onboard.ToString()
    $lanes = [Math]::Min($ThrottleLimit, $SourceAccount.Count)
    0..($lanes - 1) | ForEach-Object -ThrottleLimit $lanes -Parallel {
        Import-Module $using:module
        $body = [scriptblock]::Create($using:onboardText)
        $all = $using:SourceAccount
        for ($i = $_; $i -lt $all.Count; $i += $using:lanes) { & $body $all[$i] $using:Cloud $using:TrustedAccountId $using:RoleName }
    }
}
