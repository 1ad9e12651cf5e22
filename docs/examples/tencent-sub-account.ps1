# Tencent Cloud DTS: cross-account data sync run by a SUB-ACCOUNT of the target database's account.
# Account A (100000000001) owns the source instance; account B (100000000002) owns the target;
# B's sub-account dts-operator (100000000021) creates the task.
# Guide: "Authorizing Account" steps 1-11, then "Creating Sync Task". Re-running changes nothing.
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-6, with A's credentials: the role trusts B's ROOT account, even though a sub-account runs the task.
Write-Host 'Steps 1-6, as A''s root (tencent-a): role DTS-role, trusted by B''s root account'
$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a `
    -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName DTS-role
$role | Out-Host

# Steps 7-11, with B's root credentials: a custom policy allowing name/sts:AssumeRole on
# qcs::cam::uin/100000000001:roleName/DTS-role, attached to the sub-account.
Write-Host 'Steps 7-11, as B''s root (tencent-b): let the sub-account assume exactly that role'
$grant = $role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021
$grant | Out-Host

# As the sub-account: the console's instance listing through the role.
Write-Host 'What the DTS console checks when the sub-account (tencent-b-sub) lists A''s instances'
$access = $role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou
$access | Out-Host
if (-not $access.Passed) { throw 'The access check failed; each failed check above names its remedy.' }

# Buying a pay-as-you-go job asks for confirmation; -Confirm:$false answers it in a script.
# Creating Sync Task as the sub-account; the job belongs to B's root account.
Write-Host 'Summary: the sync task, created by the sub-account'
$role | New-DtsSyncTask -ProfileName tencent-b-sub -Region ap-guangzhou -Name orders-a-to-b-sub `
    -SourceInstanceId cdb-src00001 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId cdb-dst00001 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Database shop -Wait -Confirm:$false
