<#
.SYNOPSIS
    Azure Automation runbook: keeps a Tencent Cloud and an Alibaba Cloud cross-account DTS sync task set up.

.DESCRIPTION
    Import the packaged module (out/DtsCrossAccount.zip, see the README) into the Automation account for the runtime
    you use (PowerShell 5.1 or 7.x), create one credential asset per cloud account (user name = SecretId/AccessKeyId,
    password = the secret) and one for the database account DTS uses, then schedule this runbook.

    No prompts: high-impact cmdlets get -Confirm:$false. Idempotent: every step checks what exists, so a re-run after
    a partial failure (even one in the middle of New-DtsSyncTask) completes the job instead of duplicating it. The
    objects it emits are what the job log shows.

    In the offline sandbox the credential assets are stand-ins named after the seeded accounts' profiles.
#>
param(
    # Credential asset names (Automation account > Shared resources > Credentials).
    [string] $TencentSourceOwnerAsset = 'tencent-a',
    [string] $TencentTaskOwnerAsset = 'tencent-b',
    [string] $TencentTaskOperatorAsset = 'tencent-b-sub',
    [string] $AlibabaSourceOwnerAsset = 'alibaba-a',
    [string] $AlibabaTaskOwnerAsset = 'alibaba-b',
    [string] $DatabaseAsset = 'dts-database',

    [string] $TencentSourceAccountId = '100000000001',
    [string] $TencentTaskAccountId = '100000000002',
    [string] $TencentOperatorUin = '100000000021',
    [string] $AlibabaSourceAccountId = '1000000000000001',
    [string] $AlibabaTaskAccountId = '1000000000000002'
)
$ErrorActionPreference = 'Stop'
# In Azure Automation the imported module loads by name; from a clone, the module at the repository root.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

# A runbook has no host to print to (Write-Host and Out-Host show nothing in the job), so each step's view goes to the
# output stream as text: the job output shows it as is, and a console prints it where the step happened.
function Show-Step([string] $Title, [object[]] $Result) {
    $Title
    ($Result | Out-String -Width 120).TrimEnd() + [Environment]::NewLine
}

$database = Get-AutomationPSCredential -Name $DatabaseAsset

# Tencent Cloud: role in the source account, grant for the operator sub-account, task created by the operator.
$tencentSourceOwner = Get-AutomationPSCredential -Name $TencentSourceOwnerAsset
$tencentTaskOwner = Get-AutomationPSCredential -Name $TencentTaskOwnerAsset
$tencentOperator = Get-AutomationPSCredential -Name $TencentTaskOperatorAsset

$tencentRole = New-DtsCrossAccountRole -Cloud Tencent -AccountId $TencentSourceAccountId -TrustedAccountId $TencentTaskAccountId -Credential $tencentSourceOwner
Show-Step 'Tencent Cloud: the CAM role in the source account' $tencentRole
$tencentGrant = $tencentRole | Grant-DtsSubAccountAssumeRole -SubAccountUin $TencentOperatorUin -Credential $tencentTaskOwner
Show-Step 'Tencent Cloud: the operator sub-account may assume it' $tencentGrant
$tencentCheck = $tencentRole | Test-DtsCrossAccountAccess -Region ap-guangzhou -Credential $tencentOperator -OwnerCredential $tencentSourceOwner
Show-Step 'Tencent Cloud: access as the DTS console checks it' $tencentCheck
if (-not $tencentCheck.Passed) { throw "Tencent Cloud cross-account access check failed; see the checks above for the fix." }
$tencentTask = $tencentRole | New-DtsSyncTask -Name runbook-orders -Region ap-guangzhou `
    -SourceInstanceId cdb-src00001 -SourceDatabaseCredential $database `
    -DestinationInstanceId cdb-dst00001 -DestinationDatabaseCredential $database `
    -Database shop -Wait -TimeoutSeconds 1800 -Credential $tencentOperator -Confirm:$false

# Alibaba Cloud: cross-account source database; the destination owner creates the task.
$alibabaSourceOwner = Get-AutomationPSCredential -Name $AlibabaSourceOwnerAsset
$alibabaTaskOwner = Get-AutomationPSCredential -Name $AlibabaTaskOwnerAsset

$alibabaRole = New-DtsCrossAccountRole -Cloud Alibaba -AccountId $AlibabaSourceAccountId -TrustedAccountId $AlibabaTaskAccountId -Credential $alibabaSourceOwner
Show-Step 'Alibaba Cloud: the RAM role in the source account' $alibabaRole
$alibabaTask = $alibabaRole | New-DtsSyncTask -Name runbook-orders -Region cn-hangzhou `
    -SourceInstanceId rm-src0000001 -SourceDatabaseCredential $database `
    -DestinationInstanceId rm-dst0000001 -DestinationDatabaseCredential $database `
    -Database shop -Wait -TimeoutSeconds 1800 -Credential $alibabaTaskOwner -Confirm:$false

# The job's result, as objects: both sync tasks.
'Summary: the sync tasks'
$tencentTask, $alibabaTask
