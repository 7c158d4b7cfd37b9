using RlFramework.Models.Kernels;

namespace RlFramework.Models.Tests;

public class ThreadBudgetTests
{
    [Fact]
    public void ABudgetHoldsOnItsOwnThreadUntilDisposedAndNests()
    {
        Assert.Equal(0, Gemm.ThreadBudget);
        using (torch.thread_budget(1))
        {
            Assert.Equal(1, Gemm.ThreadBudget);
            int elsewhere = -1;
            var other = new Thread(() => elsewhere = Gemm.ThreadBudget);
            other.Start();
            other.Join();
            Assert.Equal(0, elsewhere); // another thread keeps the process default
            using (torch.thread_budget(3)) Assert.Equal(3, Gemm.ThreadBudget);
            Assert.Equal(1, Gemm.ThreadBudget);
        }
        Assert.Equal(0, Gemm.ThreadBudget);
    }

    [Fact]
    public void ABudgetBelowOneThreadIsRefused() =>
        Assert.Equal(0, Assert.Throws<ArgumentOutOfRangeException>(() => torch.thread_budget(0)).ActualValue);
}
