namespace DtsCrossAccount.Tests.Signing;

/// <summary>
/// Inputs and expected outputs of the published signing examples (reference: cloud-apis.md, "Signing test vectors").
/// Every expected value is printed by a vendor document or asserted by an official SDK's unit test; none is computed here:
/// T1: Tencent "Signature v3" doc (EN, intl.cloud.tencent.com/document/product/267/30852: key, hashes, signature, Authorization);
/// T2: the zh-CN "签名方法 v3" doc (cloud.tencent.com/document/api/213/30654: canonical-request hash, derived keys, signature);
/// A1: Alibaba "V3 request structure and signature" doc (hashed canonical request, signature, Authorization);
/// A2: the signature in the same doc's header table (its inputs differ from A1 only in date and nonce);
/// A3: Alibaba "RPC mechanism" doc fixed example; A4: RAM "Signature mechanism" doc (AlibabaCloudDocs/ram);
/// A5: unit tests of aliyun/darabonba-openapi-util (python/tests/test_client.py, golang/service/service_test.go) and
/// aliyun/aliyun-openapi-python-sdk (aliyun-python-sdk-core/tests/auth/algorithm/test_sha_hmac1.py).
/// </summary>
internal static class SigningVectors
{
    // T1 / T2 (Tencent)
    public const string T1SecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    public const string T1SecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    public const string T2SecretKey = "********************************";
    public const string THost = "cvm.tencentcloudapi.com";
    public const string TService = "cvm";
    public const string TContentType = "application/json; charset=utf-8";
    public const long TTimestamp = 1551113065;
    public const string TDate = "2019-02-25";
    /// <summary>Exact bytes of the doc's body, with literal backslash-u escapes.</summary>
    public const string TBody = @"{""Limit"": 1, ""Filters"": [{""Values"": [""\u672a\u547d\u540d""], ""Name"": ""instance-name""}]}";
    public const string THashedPayload = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
    public const string T1CanonicalRequest =
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" + THashedPayload;
    public const string T1CanonicalRequestHash = "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031";
    public const string T1Signature = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
    public const string T1Authorization =
        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=" + T1Signature;
    // Printed in the zh-CN doc's step 3 for the masked key of 32 '*' (cloud.tencent.com/document/api/213/30654).
    public const string T2SecretDate = "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0";
    public const string T2SecretService = "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f";
    public const string T2SecretSigning = "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af";
    public const string T2CanonicalRequestHash = "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84";
    public const string T2Signature = "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f";
    public const string T2SignedAction = "DescribeInstances";

    // A1 / A2 (Alibaba V3)
    public const string A1AccessKeyId = "YourAccessKeyId";
    public const string A1Secret = "YourAccessKeySecret";
    public const string AHost = "ecs.cn-shanghai.aliyuncs.com";
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static readonly KeyValuePair<string, string>[] A1Query =
    {
        new("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
        new("RegionId", "cn-shanghai"),
    };
    public static KeyValuePair<string, string>[] AHeaders(string date, string nonce) => new KeyValuePair<string, string>[]
    {
        new("host", AHost),
        new("x-acs-action", "RunInstances"),
        new("x-acs-content-sha256", EmptySha256),
        new("x-acs-date", date),
        new("x-acs-signature-nonce", nonce),
        new("x-acs-version", "2014-05-26"),
    };
    public const string A1Date = "2023-10-26T10:22:32Z";
    public const string A1Nonce = "3156853299f313e23d1673dc12e1703d";
    public const string A1CanonicalRequest =
        "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n" +
        "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:" + EmptySha256 + "\n" +
        "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n" +
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n" + EmptySha256;
    public const string A1CanonicalRequestHash = "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259";
    public const string A1Signature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
    public const string A1Authorization =
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=" + A1Signature;
    public const string A2Date = "2023-10-26T09:01:01Z";
    public const string A2Nonce = "d410180a5abf7fe235dd9b74aca91fc0";
    public const string A2Signature = "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804";

    // A3 / A4 (Alibaba V2 RPC)
    public static readonly KeyValuePair<string, string>[] A3Parameters =
    {
        new("AccessKeyId", "testid"), new("Action", "DescribeDedicatedHosts"), new("Format", "JSON"), new("RegionId", "cn-beijing"),
        new("SignatureMethod", "HMAC-SHA1"), new("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"), new("SignatureVersion", "1.0"),
        new("Timestamp", "2023-03-13T08:34:30Z"), new("Version", "2014-05-26"),
    };
    public const string A3StringToSign =
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1" +
        "%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26";
    public const string A3Signature = "9NaGiOspFP5UPcwX8Iwt2YJXXuk=";
    public static readonly KeyValuePair<string, string>[] A4Parameters =
    {
        new("UserName", "test"), new("SignatureVersion", "1.0"), new("Format", "JSON"), new("Timestamp", "2015-08-18T03:15:45Z"),
        new("AccessKeyId", "testid"), new("SignatureMethod", "HMAC-SHA1"), new("Version", "2015-05-01"), new("Action", "CreateUser"),
        new("SignatureNonce", "6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2"),
    };
    public const string A4StringToSign =
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2" +
        "%26SignatureVersion%3D1.0%26Timestamp%3D2015-08-18T03%253A15%253A45Z%26UserName%3Dtest%26Version%3D2015-05-01";
    public const string A4Signature = "kRA2cnpJVacIhDMzXnoNZG9tDCI=";
    public const string V2Secret = "testsecret";

    // A5 (SDK unit tests)
    public static readonly KeyValuePair<string, string>[] A5RpcParameters = { new("query", "test"), new("body", "test") };
    public const string A5RpcStringToSign = "GET&%2F&body%3Dtest%26query%3Dtest";
    public const string A5RpcSignature = "XlUyV4sXjOuX5FnjUz9IF9tm5rU=";
    public static readonly KeyValuePair<string, string>[] A5V3Query = { new("test", "ok"), new("empty", "") };
    public static readonly KeyValuePair<string, string>[] A5V3Headers = { new("x-acs-test", "http"), new("x-acs-TEST", "https") };
    public const string A5V3Payload = "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23";
    public const string A5V3CanonicalRequest = "GET\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n" + A5V3Payload;
    public const string A5V3Authorization =
        "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=d16b30a7699ae9e43875b13195b2f81bcc3ed10c14a9b5eb780e51619aa50be1";
    public const string A5V3GoSignature = "4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3";
}
