namespace DtIommu.Sources;

/// <summary>A file source that says why a file is not there to read, as dtc's <c>fopen</c> and <c>fread</c> would.</summary>
public interface IExplainedFileSource : IRangeFileSource
{
    /// <summary>
    /// Why <see cref="IFileSource.TryRead"/> found nothing at <paramref name="path"/>: whether dtc's <c>fopen</c>
    /// would still succeed (a directory opens, its first read fails) and the C library's text for the failure.
    /// </summary>
    FileFailure Explain(string path);
}

/// <summary>A failed open or read: <paramref name="Opens"/> when only reading fails; <paramref name="Reason"/> is strerror's text.</summary>
public readonly record struct FileFailure(bool Opens, string Reason);
