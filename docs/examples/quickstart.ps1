<#
.SYNOPSIS
    Quickstart: the most common cross-account DTS set-up on each cloud, end to end, then a re-run that changes nothing.

.DESCRIPTION
    Runs unchanged in the offline sandbox (dotnet run --project src/DtsCrossAccount.Sandbox) and in pwsh after
    ./build.ps1 -Task Emulator. Each account is named by its credential profile, as a user with several accounts would.

    Tencent Cloud: account A (100000000001) owns the source MySQL instance; account B (100000000002) owns the target
    and its sub-account dts-operator (100000000021) runs the task.
    Alibaba Cloud: account A (1000000000000001) owns the source; account B (1000000000000002) owns the destination and
    creates the task ("cross-account source database").

    Each step's result is shown as it happens; the script's output is the two sync tasks.
#>
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

# The database account DTS uses to read and write data. In real use: Get-Credential, or Get-AutomationPSCredential in a runbook.
$dbCredential = [pscredential]::new('dts_sync', [System.Net.NetworkCredential]::new('', 'Example-Passw0rd!').SecurePassword)

# ---- Tencent Cloud ---------------------------------------------------------------------------------------------
Write-Host 'Tencent Cloud, steps 1-6, as A''s root (tencent-a): a CAM role that B''s root account may assume'
$tencentRole = New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a
$tencentRole | Out-Host

Write-Host 'Steps 7-11, as B''s root (tencent-b): let B''s sub-account assume exactly that role'
$tencentGrant = $tencentRole | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -ProfileName tencent-b
$tencentGrant | Out-Host

Write-Host 'What the DTS console checks when the sub-account (tencent-b-sub) lists A''s instances'
$tencentCheck = $tencentRole | Test-DtsCrossAccountAccess -Region ap-guangzhou -ProfileName tencent-b-sub -OwnerProfileName tencent-a
$tencentCheck | Out-Host
if (-not $tencentCheck.Passed) { throw 'The Tencent access check failed; each failed check above names its remedy.' }

Write-Host 'The sync task, bought, configured, verified and started by the sub-account'
$tencentTask = $tencentRole | New-DtsSyncTask -Name quickstart-orders -Region ap-guangzhou `
    -SourceInstanceId cdb-src00001 -SourceEngine MySQL -SourceDatabaseCredential $dbCredential `
    -DestinationInstanceId cdb-dst00001 -DestinationEngine MySQL -DestinationDatabaseCredential $dbCredential `
    -Database shop -Wait -ProfileName tencent-b-sub -Confirm:$false
$tencentTask | Out-Host

# ---- Alibaba Cloud ---------------------------------------------------------------------------------------------
Write-Host 'Alibaba Cloud, as A''s root (alibaba-a): a RAM role trusting B (RAM and Service principals), with AliyunDTSRolePolicy'
$alibabaRole = New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -ProfileName alibaba-a
$alibabaRole | Out-Host

# B's root keys cannot assume roles (Alibaba STS refuses root keys); the role side is checked with A's keys.
Write-Host 'The role checked from both sides: B (alibaba-b) and the role''s owner A (alibaba-a)'
$alibabaCheck = $alibabaRole | Test-DtsCrossAccountAccess -Region cn-hangzhou -ProfileName alibaba-b -OwnerProfileName alibaba-a
$alibabaCheck | Out-Host
if (-not $alibabaCheck.Passed) { throw 'The Alibaba access check failed; each failed check above names its remedy.' }

Write-Host 'The sync task, created by B'
$alibabaTask = $alibabaRole | New-DtsSyncTask -Name quickstart-orders -Region cn-hangzhou `
    -SourceInstanceId rm-src0000001 -SourceEngine MySQL -SourceDatabaseCredential $dbCredential `
    -DestinationInstanceId rm-dst0000001 -DestinationEngine MySQL -DestinationDatabaseCredential $dbCredential `
    -Database shop -Wait -ProfileName alibaba-b -Confirm:$false
$alibabaTask | Out-Host

# ---- Run again: everything already exists, so nothing changes (Changed = False) --------------------------------
Write-Host 'Run again: both roles exist as they should, so nothing changes'
$rerun = @(
    New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a
    New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -ProfileName alibaba-a
)
$rerun | Out-Host

# ---- Summary: the script's output, one table --------------------------------------------------------------------
Write-Host 'Summary: the two sync tasks'
$tencentTask, $alibabaTask
