using RlFramework.Models;
using RlFramework.Models.Serialization;

namespace RlFramework.Models.Tests;

/// <summary>The DQN example of Models/README.md, run as written, learns a fixed target and checkpoints.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void DqnExampleRunsAndReducesTheLoss()
    {
        torch.manual_seed(1);
        var q = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2));
        var target = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2));
        target.load_state_dict(q.state_dict());
        var opt = torch.optim.Adam(q.parameters(), lr: 1e-3);
        var g = new Generator(5);
        var obs = new float[128 * 4];
        g.FillNormal(obs, 0, 1);
        var s2 = torch.randn([128, 4], g);
        var r = torch.randn([128], g);
        var done = torch.randint(0, 2, [128], g);
        var a = torch.randint(0, 2, [128, 1], g);
        float first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            using (torch.NewDisposeScope())
            {
                var s = torch.tensor(obs, [128, 4]);
                Tensor y;
                using (torch.no_grad()) y = r + 0.99f * target.forward(s2).max(1).values * (1f - done);
                var qsa = q.forward(s).gather(1, a).squeeze(1);
                var loss = torch.nn.functional.smooth_l1_loss(qsa, y);
                opt.zero_grad(); loss.backward();
                torch.nn.utils.clip_grad_norm_(q.parameters(), 10.0);
                opt.step();
                if (step == 0) first = loss.item<float>();
                last = loss.item<float>();
            }
        }
        Assert.True(last < 0.5f * first, $"loss {first} -> {last}");
        var path = Path.Combine(Path.GetTempPath(), $"dqn-{Guid.NewGuid():N}.safetensors");
        try
        {
            Checkpoint.Save(path, q, opt);
            var q2 = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2));
            var opt2 = torch.optim.Adam(q2.parameters(), lr: 1e-3);
            Checkpoint.Load(path, q2, opt2);
            Assert.Equal(q.forward(s2).ToArray(), q2.forward(s2).ToArray());
        }
        finally { File.Delete(path); }
    }
}
