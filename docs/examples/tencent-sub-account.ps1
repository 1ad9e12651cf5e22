# Tencent Cloud DTS: cross-account data sync run by a SUB-ACCOUNT of the target database's account.
# Account A (100000000001) owns the source instance; account B (100000000002) owns the target;
# B's sub-account dts-operator (100000000021) creates the task.
# Guide: "Authorizing Account" steps 1-11, then "Creating Sync Task".

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-6, with A's credentials: the role trusts B's ROOT account, even though a sub-account runs the task.
$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a `
    -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName DTS-role

# Steps 7-11, with B's root credentials: a custom policy allowing name/sts:AssumeRole on
# qcs::cam::uin/100000000001:roleName/DTS-role, attached to the sub-account.
$grant = $role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021
$grant

# As the sub-account: the console's instance listing through the role.
$access = $role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou
$access.Checks | Where-Object Result -eq 'Failed'

# Buying a pay-as-you-go job asks for confirmation; -Confirm:$false answers it in a script.
# Creating Sync Task as the sub-account; the job belongs to B's root account.
$role | New-DtsSyncTask -ProfileName tencent-b-sub -Region ap-guangzhou -Name orders-a-to-b-sub `
    -SourceInstanceId cdb-src00001 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId cdb-dst00001 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Database shop -Wait -Confirm:$false
