"""CleanRL's PPO update as ppo.py and ppo_continuous_action.py write it (GAE, then epochs of the clipped objective with
value clipping, the entropy bonus, gradient-norm clipping and Adam), shared by the golden-test generators
ppo_update_golden.py and ppo_continuous_update_golden.py. One minibatch per epoch: the whole batch, so the minibatch
order (NumPy's in CleanRL, our generator's in ours) does not enter.
"""
import sys

import numpy as np
import torch
import torch.nn as nn

GAMMA, GAE_LAMBDA, CLIP, VF, MAX_GRAD_NORM = 0.99, 0.95, 0.2, 0.5, 0.5


def gae(rewards, values, dones, next_value, next_done):
    """Advantages and returns, [steps, envs]; dones[t] is the flag that came with obs[t] (step t − 1 ended an episode)."""
    steps = rewards.shape[0]
    advantages = torch.zeros_like(rewards)
    lastgaelam = 0
    for t in reversed(range(steps)):
        if t == steps - 1:
            nextnonterminal, nextvalues = 1.0 - next_done, next_value
        else:
            nextnonterminal, nextvalues = 1.0 - dones[t + 1], values[t + 1]
        delta = rewards[t] + GAMMA * nextvalues * nextnonterminal - values[t]
        advantages[t] = lastgaelam = delta + GAMMA * GAE_LAMBDA * nextnonterminal * lastgaelam
    return advantages, advantages + values


def update(agent, evaluate, b_obs, b_actions, b_logprobs, b_advantages, b_returns, b_values, epochs, ent_coef, optimizer):
    """update_epochs passes over the batch; evaluate(obs, actions) gives the new log-probabilities and entropies.
    The share of clipped ratios and values per epoch goes to stderr."""
    mb_inds = np.arange(b_obs.shape[0])
    for _ in range(epochs):
        newlogprob, entropy = evaluate(b_obs[mb_inds], b_actions[mb_inds])
        newvalue = agent.critic(b_obs[mb_inds])
        logratio = newlogprob - b_logprobs[mb_inds]
        ratio = logratio.exp()
        mb_advantages = b_advantages[mb_inds]
        mb_advantages = (mb_advantages - mb_advantages.mean()) / (mb_advantages.std() + 1e-8)
        pg_loss1 = -mb_advantages * ratio
        pg_loss2 = -mb_advantages * torch.clamp(ratio, 1 - CLIP, 1 + CLIP)
        pg_loss = torch.max(pg_loss1, pg_loss2).mean()
        newvalue = newvalue.view(-1)
        v_loss_unclipped = (newvalue - b_returns[mb_inds]) ** 2
        v_clipped = b_values[mb_inds] + torch.clamp(newvalue - b_values[mb_inds], -CLIP, CLIP)
        v_loss_clipped = (v_clipped - b_returns[mb_inds]) ** 2
        v_loss = 0.5 * torch.max(v_loss_unclipped, v_loss_clipped).mean()
        loss = pg_loss - ent_coef * entropy.mean() + v_loss * VF
        clipped = ((ratio - 1.0).abs() > CLIP).float().mean().item()
        values_clipped = ((newvalue - b_values[mb_inds]).abs() > CLIP).float().mean().item()
        print(f"epoch: clipped ratios {clipped:.3f}, clipped values {values_clipped:.3f}", file=sys.stderr)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(agent.parameters(), MAX_GRAD_NORM)
        optimizer.step()


def network(inputs, outputs):
    """The 64-64 tanh MLP of both scripts (the weights are loaded, so no init here)."""
    return nn.Sequential(nn.Linear(inputs, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, outputs))
