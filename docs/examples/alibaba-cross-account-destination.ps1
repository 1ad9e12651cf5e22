# Alibaba Cloud DTS, scenario 2 "Cross-account destination database":
# account A (1000000000000001) owns the source and creates the DTS task; account B (1000000000000002) owns the
# destination RDS MySQL instance. B configures RAM authorization; the trust policy carries A's ID. Re-running changes nothing.
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-3 with B's root account.
Write-Host 'Steps 1-3, as B''s root (alibaba-b): RAM role ram-for-dts, trusted by A'
$role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b `
    -AccountId 1000000000000002 -TrustedAccountId 1000000000000001 -RoleName ram-for-dts
$role | Out-Host

Write-Host 'The role checked from both sides: A (alibaba-a) and the role''s owner B (alibaba-b)'
$access = $role | Test-DtsCrossAccountAccess -ProfileName alibaba-a -OwnerProfileName alibaba-b -Region cn-shanghai
$access | Out-Host
if (-not $access.Passed) { throw 'The access check failed; each failed check above names its remedy.' }

# A creates the task; the role goes to the destination side (owner B).
Write-Host 'Summary: the sync task, created by A'
New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-a -Region cn-shanghai -Name orders-a-to-b-sh -DestinationRole $role `
    -SourceInstanceId rm-src0000002 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId rm-dst0000002 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Table shop.orders -Wait -Confirm:$false
