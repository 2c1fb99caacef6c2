/**
 * How a deploy moves through hosts: batches, parallel work on a bounded pool, failure budgets, rollback of what was
 * switched, and the per-host table. Used by {@link io.jenkins.plugins.orchestra.deploy.Deployer}.
 */
package io.jenkins.plugins.orchestra.deploy.strategy;
