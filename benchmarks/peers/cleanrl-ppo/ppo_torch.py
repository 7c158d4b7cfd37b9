#!/usr/bin/env python3
"""The PPO peer for issue 17's comparison: CleanRL's ppo.py (vwxyzjn/cleanrl, cleanrl/ppo.py) on CartPole-v1, its
training loop kept line for line, without the PyPI packages our build machines cannot install.

Kept from ppo.py: the Args defaults (4 envs, 128 steps, lr 2.5e-4 annealed, GAE 0.95, gamma 0.99, 4 minibatches,
4 epochs, clip 0.2 with value clipping, ent 0.01, vf 0.5, max grad norm 0.5), the Agent (64-64 tanh actor and
critic, orthogonal init with gains sqrt(2), 0.01, 1), Adam eps 1e-5, the rollout with one batched no-grad forward
per step, the GAE loop, the minibatch update with advantage normalisation, approx_kl, clipfracs, explained variance,
and every `.item()` the TensorBoard writes make.

Replaced (the stubs): tyro -> argparse with the same names; SummaryWriter -> a no-op writer (the scalars are still
computed, only not written); wandb -> not imported (track is False by default anyway); gymnasium's SyncVectorEnv with
RecordEpisodeStatistics -> a NumPy vector of benchmarks/peers/dqn's CartPole (Gymnasium's dynamics, 500-step limit)
with same-step autoreset and the episode return reported as in "final_info". Nothing replaced makes the peer slower.

Usage (Debian's PyTorch 1.13 and OpenBLAS): /usr/bin/python3 benchmarks/peers/cleanrl-ppo/ppo_torch.py --seed 1
Prints one JSON line: steps, seconds, steps/s, episodes, mean return of the last 100 episodes.
"""
import argparse
import json
import os
import random
import sys
import time

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # OpenBLAS sizes its pool at load; torch.set_num_threads does not reach it

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from torch.distributions.categorical import Categorical

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dqn"))
from dqn_torch import CartPole  # noqa: E402


class SyncVectorCartPole:
    """gymnasium.vector.SyncVectorEnv over RecordEpisodeStatistics(CartPole-v1): same-step autoreset, final_info."""

    single_observation_space_shape = (4,)
    single_action_space_shape = ()
    single_action_n = 2

    def __init__(self, num_envs, seed):
        self.envs = [CartPole(seed + i) for i in range(num_envs)]
        self.returns = np.zeros(num_envs)
        self.lengths = np.zeros(num_envs, dtype=np.int64)

    def reset(self, seed=None):
        return np.stack([env.reset() for env in self.envs]), {}

    def step(self, actions):
        obs, rewards, terms, truncs, final_info = [], [], [], [], []
        for i, (env, action) in enumerate(zip(self.envs, actions)):
            o, r, term, trunc = env.step(int(action))
            self.returns[i] += r
            self.lengths[i] += 1
            info = None
            if term or trunc:
                info = {"episode": {"r": self.returns[i], "l": self.lengths[i]}}
                self.returns[i], self.lengths[i] = 0, 0
                o = env.reset()
            obs.append(o), rewards.append(r), terms.append(term), truncs.append(trunc), final_info.append(info)
        infos = {"final_info": final_info} if any(i is not None for i in final_info) else {}
        return np.stack(obs), np.array(rewards), np.array(terms), np.array(truncs), infos


class NoWriter:
    def add_scalar(self, *args):
        pass


def layer_init(layer, std=np.sqrt(2), bias_const=0.0):
    torch.nn.init.orthogonal_(layer.weight, std)
    torch.nn.init.constant_(layer.bias, bias_const)
    return layer


class Agent(nn.Module):
    def __init__(self, envs):
        super().__init__()
        obs = np.array(envs.single_observation_space_shape).prod()
        self.critic = nn.Sequential(layer_init(nn.Linear(obs, 64)), nn.Tanh(), layer_init(nn.Linear(64, 64)), nn.Tanh(), layer_init(nn.Linear(64, 1), std=1.0))
        self.actor = nn.Sequential(layer_init(nn.Linear(obs, 64)), nn.Tanh(), layer_init(nn.Linear(64, 64)), nn.Tanh(),
                                   layer_init(nn.Linear(64, envs.single_action_n), std=0.01))

    def get_value(self, x):
        return self.critic(x)

    def get_action_and_value(self, x, action=None):
        logits = self.actor(x)
        probs = Categorical(logits=logits)
        if action is None:
            action = probs.sample()
        return action, probs.log_prob(action), probs.entropy(), self.critic(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--total-timesteps", type=int, default=500000)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)

    class args:
        seed, total_timesteps, learning_rate, num_envs, num_steps, anneal_lr = a.seed, a.total_timesteps, 2.5e-4, 4, 128, True
        gamma, gae_lambda, num_minibatches, update_epochs, norm_adv, clip_coef = 0.99, 0.95, 4, 4, True, 0.2
        clip_vloss, ent_coef, vf_coef, max_grad_norm, target_kl = True, 0.01, 0.5, 0.5, None

    args.batch_size = int(args.num_envs * args.num_steps)
    args.minibatch_size = int(args.batch_size // args.num_minibatches)
    args.num_iterations = args.total_timesteps // args.batch_size
    writer = NoWriter()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    device = torch.device("cpu")
    envs = SyncVectorCartPole(args.num_envs, args.seed)
    agent = Agent(envs).to(device)
    optimizer = optim.Adam(agent.parameters(), lr=args.learning_rate, eps=1e-5)

    obs = torch.zeros((args.num_steps, args.num_envs) + envs.single_observation_space_shape).to(device)
    actions = torch.zeros((args.num_steps, args.num_envs) + envs.single_action_space_shape).to(device)
    logprobs = torch.zeros((args.num_steps, args.num_envs)).to(device)
    rewards = torch.zeros((args.num_steps, args.num_envs)).to(device)
    dones = torch.zeros((args.num_steps, args.num_envs)).to(device)
    values = torch.zeros((args.num_steps, args.num_envs)).to(device)

    global_step = 0
    start_time = time.time()
    episode_returns = []
    next_obs, _ = envs.reset(seed=args.seed)
    next_obs = torch.Tensor(next_obs).to(device)
    next_done = torch.zeros(args.num_envs).to(device)

    for iteration in range(1, args.num_iterations + 1):
        if args.anneal_lr:
            frac = 1.0 - (iteration - 1.0) / args.num_iterations
            lrnow = frac * args.learning_rate
            optimizer.param_groups[0]["lr"] = lrnow

        for step in range(0, args.num_steps):
            global_step += args.num_envs
            obs[step] = next_obs
            dones[step] = next_done
            with torch.no_grad():
                action, logprob, _, value = agent.get_action_and_value(next_obs)
                values[step] = value.flatten()
            actions[step] = action
            logprobs[step] = logprob
            next_obs, reward, terminations, truncations, infos = envs.step(action.cpu().numpy())
            next_done = np.logical_or(terminations, truncations)
            rewards[step] = torch.tensor(reward).to(device).view(-1)
            next_obs, next_done = torch.Tensor(next_obs).to(device), torch.Tensor(next_done).to(device)
            if "final_info" in infos:
                for info in infos["final_info"]:
                    if info and "episode" in info:
                        episode_returns.append(info["episode"]["r"])
                        writer.add_scalar("charts/episodic_return", info["episode"]["r"], global_step)
                        writer.add_scalar("charts/episodic_length", info["episode"]["l"], global_step)

        with torch.no_grad():
            next_value = agent.get_value(next_obs).reshape(1, -1)
            advantages = torch.zeros_like(rewards).to(device)
            lastgaelam = 0
            for t in reversed(range(args.num_steps)):
                if t == args.num_steps - 1:
                    nextnonterminal = 1.0 - next_done
                    nextvalues = next_value
                else:
                    nextnonterminal = 1.0 - dones[t + 1]
                    nextvalues = values[t + 1]
                delta = rewards[t] + args.gamma * nextvalues * nextnonterminal - values[t]
                advantages[t] = lastgaelam = delta + args.gamma * args.gae_lambda * nextnonterminal * lastgaelam
            returns = advantages + values

        b_obs = obs.reshape((-1,) + envs.single_observation_space_shape)
        b_logprobs = logprobs.reshape(-1)
        b_actions = actions.reshape((-1,) + envs.single_action_space_shape)
        b_advantages = advantages.reshape(-1)
        b_returns = returns.reshape(-1)
        b_values = values.reshape(-1)

        b_inds = np.arange(args.batch_size)
        clipfracs = []
        for epoch in range(args.update_epochs):
            np.random.shuffle(b_inds)
            for start in range(0, args.batch_size, args.minibatch_size):
                end = start + args.minibatch_size
                mb_inds = b_inds[start:end]
                _, newlogprob, entropy, newvalue = agent.get_action_and_value(b_obs[mb_inds], b_actions.long()[mb_inds])
                logratio = newlogprob - b_logprobs[mb_inds]
                ratio = logratio.exp()
                with torch.no_grad():
                    old_approx_kl = (-logratio).mean()
                    approx_kl = ((ratio - 1) - logratio).mean()
                    clipfracs += [((ratio - 1.0).abs() > args.clip_coef).float().mean().item()]
                mb_advantages = b_advantages[mb_inds]
                if args.norm_adv:
                    mb_advantages = (mb_advantages - mb_advantages.mean()) / (mb_advantages.std() + 1e-8)
                pg_loss1 = -mb_advantages * ratio
                pg_loss2 = -mb_advantages * torch.clamp(ratio, 1 - args.clip_coef, 1 + args.clip_coef)
                pg_loss = torch.max(pg_loss1, pg_loss2).mean()
                newvalue = newvalue.view(-1)
                if args.clip_vloss:
                    v_loss_unclipped = (newvalue - b_returns[mb_inds]) ** 2
                    v_clipped = b_values[mb_inds] + torch.clamp(newvalue - b_values[mb_inds], -args.clip_coef, args.clip_coef)
                    v_loss_clipped = (v_clipped - b_returns[mb_inds]) ** 2
                    v_loss_max = torch.max(v_loss_unclipped, v_loss_clipped)
                    v_loss = 0.5 * v_loss_max.mean()
                else:
                    v_loss = 0.5 * ((newvalue - b_returns[mb_inds]) ** 2).mean()
                entropy_loss = entropy.mean()
                loss = pg_loss - args.ent_coef * entropy_loss + v_loss * args.vf_coef
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), args.max_grad_norm)
                optimizer.step()
            if args.target_kl is not None and approx_kl > args.target_kl:
                break

        y_pred, y_true = b_values.cpu().numpy(), b_returns.cpu().numpy()
        var_y = np.var(y_true)
        explained_var = np.nan if var_y == 0 else 1 - np.var(y_true - y_pred) / var_y
        writer.add_scalar("charts/learning_rate", optimizer.param_groups[0]["lr"], global_step)
        writer.add_scalar("losses/value_loss", v_loss.item(), global_step)
        writer.add_scalar("losses/policy_loss", pg_loss.item(), global_step)
        writer.add_scalar("losses/entropy", entropy_loss.item(), global_step)
        writer.add_scalar("losses/old_approx_kl", old_approx_kl.item(), global_step)
        writer.add_scalar("losses/approx_kl", approx_kl.item(), global_step)
        writer.add_scalar("losses/clipfrac", np.mean(clipfracs), global_step)
        writer.add_scalar("losses/explained_variance", explained_var, global_step)
        writer.add_scalar("charts/SPS", int(global_step / (time.time() - start_time)), global_step)

    seconds = time.time() - start_time
    last = episode_returns[-100:]
    print(json.dumps({"steps": global_step, "seconds": round(seconds, 2), "steps_per_second": int(global_step / seconds),
                      "episodes": len(episode_returns), "mean_return_last_100": round(float(np.mean(last)), 2)}))


if __name__ == "__main__":
    main()
