using System.Diagnostics;

namespace DtIommu.Build.Tests;

/// <summary>
/// A throwaway board project that imports the source tree's .props/.targets and loads the freshly built task dll
/// in a fresh task host, so neither a pack nor the NuGet cache is involved.
/// </summary>
public sealed class BoardProject : IDisposable
{
    private readonly TempDirectory _dir = new();

    public BoardProject(string extraProjectXml = "")
    {
        var build = Path.Combine(RepositoryRoot(), "compiler", "DtIommu.Build", "build");
        _dir.Write("Board.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{build}/DtIommu.Build.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
              </PropertyGroup>
              {extraProjectXml}
              <Import Project="{build}/DtIommu.Build.targets" />
            </Project>
            """);
    }

    public string Directory => _dir.Path;

    public string Write(string relative, string text) => _dir.Write(relative, text);

    public string PathOf(string relative) => Path.Combine(_dir.Path, relative);

    /// <summary>Runs <c>dotnet VERB</c> on the project and returns its exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Dotnet(string verb, string arguments = "")
    {
        var taskDll = TaskAssembly();
        var psi = new ProcessStartInfo("dotnet",
            $"{verb} -nodeReuse:false -tl:off -v:n -nologo -p:DeviceTreeTaskAssembly={taskDll} -p:DeviceTreeTaskFactory=TaskHostFactory {arguments}")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    public void Dispose() => _dir.Dispose();

    // The task project's own output, not this test's bin (which holds the net10.0 DtIommu.Core): the netstandard2.0
    // set of dlls is exactly what the package ships.
    private static string TaskAssembly()
    {
        var configuration = typeof(BoardProject).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
        var dll = Path.Combine(RepositoryRoot(), "compiler", "DtIommu.Build", "bin", configuration, "netstandard2.0", "DtIommu.Build.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build DtIommu.Build first", dll);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DtIommu.sln"))) return dir.FullName;
        throw new InvalidOperationException("DtIommu.sln not found above " + AppContext.BaseDirectory);
    }
}
