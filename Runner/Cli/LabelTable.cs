using System.Globalization;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary>Prints how often each label occurs.</summary>
internal static class LabelTable
{
    /// <summary>A table of each label's count and share of <paramref name="labels"/>.</summary>
    public static void Print(IReadOnlyList<int> labels)
    {
        var table = new Table().AddColumn("label").AddColumn(new TableColumn("count").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var group in labels.GroupBy(l => l).OrderBy(g => g.Key))
        {
            int count = group.Count();
            table.AddRow(group.Key.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture),
                (count / (double)labels.Count).ToString("P1", CultureInfo.InvariantCulture));
        }
        ConsoleTables.Write(table);
    }
}
