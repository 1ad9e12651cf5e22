namespace DtsCrossAccount
{
    /// <summary>The cloud a cmdlet works on.</summary>
    public enum CloudKind
    {
        Tencent,
        Alibaba
    }
}
