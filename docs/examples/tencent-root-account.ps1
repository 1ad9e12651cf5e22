# Tencent Cloud DTS: cross-account data sync run by the ROOT account of the target database.
# Account A (100000000001) owns the source instance; account B (100000000002) owns the target and creates the task.
# Guide: "Authorizing Account" steps 1-6, then "Creating Sync Task". Re-running changes nothing.
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

# Database accounts DTS signs in with (replace with your own; never commit real passwords).
$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-6, with A's credentials: a role whose entity is B's root account, guarded by an external ID, with the preset
# policy QcloudDTSReadOnlyAccess. Its own name: the other examples' DTS-role trusts B without an external ID, and
# one role cannot be both (the module refuses to change a role's trust behind your back).
Write-Host 'Steps 1-6, as A''s root (tencent-a): role DTS-role-extid, trusted by B''s root account with an external ID'
$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a `
    -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName DTS-role-extid -ExternalId orders-sync-2026
$role | Out-Host

# What the console does when B picks A's region: assume the role and list A's instances.
# A failed check carries the remedy (wrong peer ID, wrong role name, wrong external ID ...).
Write-Host 'What the DTS console checks when B''s root (tencent-b) lists A''s instances'
$access = $role | Test-DtsCrossAccountAccess -ProfileName tencent-b -Region ap-guangzhou
$access | Out-Host
if (-not $access.Passed) { throw 'The access check failed; each failed check above names its remedy.' }

# Buying a pay-as-you-go job asks for confirmation; -Confirm:$false answers it in a script.
# Creating Sync Task, with B's root credentials: buy, configure (peer account, role, external ID),
# verify, start, and wait until the task is Running. Re-running with the same -Name resumes the same job.
Write-Host 'Summary: the sync task, created by B''s root account'
$role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name orders-a-to-b `
    -SourceInstanceId cdb-src00001 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId cdb-dst00001 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Database shop -Table crm.leads -Wait -Confirm:$false
