using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Tencent;

/// <summary>Registers the emulated Tencent CAM 2019-01-16, STS 2018-08-13 and DTS 2021-12-06 actions.</summary>
public static class TencentApis
{
    public static void Register(ApiRegistry registry)
    {
    }
}
