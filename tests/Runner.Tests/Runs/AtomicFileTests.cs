using RlFramework.Runner.Runs;
using RlFramework.Shared;

namespace RlFramework.Runner.Tests.Runs;

public class AtomicFileTests
{
    [Fact]
    public void WritesCreateFoldersAndReplaceWholeFiles()
    {
        using var folder = new TempDir();
        var path = folder.File("a/b/state.bin");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        AtomicFile.WriteAllBytes(path, new byte[] { 9 });
        Assert.Equal([9], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.File("a/b")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFailedWriteLeavesTheOldFileAndNoTempFile(bool checkedEnvelope)
    {
        using var folder = new TempDir();
        var path = folder.File("state.bin");
        if (checkedEnvelope)
        {
            CheckedFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        }
        else
        {
            AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        }

        var before = File.ReadAllBytes(path);
        static void Failing(Stream stream)
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("serializer broke");
        }

        Assert.Throws<InvalidOperationException>(() =>
        {
            if (checkedEnvelope)
            {
                CheckedFile.Write(path, Failing);
            }
            else
            {
                AtomicFile.Write(path, Failing);
            }
        });
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void AFolderIsNotAFileName()
    {
        using var folder = new TempDir();
        var error = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllBytes(folder.Path, new byte[1]));
        Assert.Contains("is a folder; expected a file path", error.Message);
    }
}
