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
#>
$ErrorActionPreference = 'Stop'

# The database account DTS uses to read and write data. In real use: Get-Credential, or Get-AutomationPSCredential in a runbook.
$dbCredential = [pscredential]::new('dts_sync', [System.Net.NetworkCredential]::new('', 'Example-Passw0rd!').SecurePassword)

# ---- Tencent Cloud ---------------------------------------------------------------------------------------------
# Steps 1-6, as A's root: a CAM role that B's root account may assume, with QcloudDTSReadOnlyAccess.
$tencentRole = New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a

# Steps 7-11, as B's root: let B's sub-account assume exactly that role.
$tencentGrant = $tencentRole | Grant-DtsSubAccountAssumeRole -SubAccountUin 100000000021 -ProfileName tencent-b

# What the DTS console does when it lists A's instances, as the sub-account that will create the task.
$tencentCheck = $tencentRole | Test-DtsCrossAccountAccess -Region ap-guangzhou -ProfileName tencent-b-sub -OwnerProfileName tencent-a

# The sync task, bought, configured, verified and started by the sub-account.
$tencentTask = $tencentRole | New-DtsSyncTask -Name quickstart-orders -Region ap-guangzhou `
    -SourceInstanceId cdb-src00001 -SourceEngine MySQL -SourceDatabaseCredential $dbCredential `
    -DestinationInstanceId cdb-dst00001 -DestinationEngine MySQL -DestinationDatabaseCredential $dbCredential `
    -Database shop -Wait -ProfileName tencent-b-sub -Confirm:$false

# ---- Alibaba Cloud ---------------------------------------------------------------------------------------------
# As A's root: a RAM role trusting B (RAM and Service principals), with AliyunDTSRolePolicy.
$alibabaRole = New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -ProfileName alibaba-a

# Role-side checks with A's credentials; B's root keys cannot assume roles (Alibaba STS refuses root keys), which the check explains.
$alibabaCheck = $alibabaRole | Test-DtsCrossAccountAccess -Region cn-hangzhou -ProfileName alibaba-b -OwnerProfileName alibaba-a

# The sync task, created by B.
$alibabaTask = $alibabaRole | New-DtsSyncTask -Name quickstart-orders -Region cn-hangzhou `
    -SourceInstanceId rm-src0000001 -SourceEngine MySQL -SourceDatabaseCredential $dbCredential `
    -DestinationInstanceId rm-dst0000001 -DestinationEngine MySQL -DestinationDatabaseCredential $dbCredential `
    -Database shop -Wait -ProfileName alibaba-b -Confirm:$false

$tencentRole, $alibabaRole
$tencentGrant
$tencentCheck, $alibabaCheck
$tencentTask, $alibabaTask

# ---- Run again: everything already exists, so nothing changes (Changed = False) --------------------------------
New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -ProfileName tencent-a
New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -ProfileName alibaba-a
