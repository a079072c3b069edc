// CanaryDelivery: an Argo Rollouts canary release (Rollout, traffic routing, analysis) as one Pulumi component
package canarydelivery
