using System;

namespace DtIommu.Sources;

/// <summary>A file opened for a range of its bytes could not be positioned at the range's start.</summary>
public sealed class FileSeekException : Exception
{
    /// <summary>Creates the exception with strerror's text for why the seek failed (Invalid argument, ...) as its message.</summary>
    public FileSeekException(string reason) : base(reason)
    {
    }
}
