namespace DtIommu.Tests.Lint;

/// <summary>Finds the repository root and compares or (with DTIOMMU_UPDATE=1) rewrites generated files.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "DtIommu.sln"))) return d.FullName;
            throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public static bool Updating => Environment.GetEnvironmentVariable("DTIOMMU_UPDATE") == "1";

    /// <summary>Asserts the file has this content, or writes it when updating.</summary>
    public static void Check(string relativePath, string expected)
    {
        var path = Path.Combine(Root, relativePath);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
            return;
        }
        File.Exists(path).ShouldBeTrue($"{relativePath} is missing; run the tests with DTIOMMU_UPDATE=1 to generate it");
        File.ReadAllText(path).Replace("\r\n", "\n").ShouldBe(expected, $"{relativePath} is out of date; run the tests with DTIOMMU_UPDATE=1");
    }
}
