using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>Tencent Cloud API 3.0 wire protocol: TC3-HMAC-SHA256 verification, X-TC-* headers, {"Response":{…}} envelope.</summary>
public static class TencentFrontend
{
    public static RawResponse Handle(RawRequest request, EmulatorCore core) => throw new NotImplementedException();
}
