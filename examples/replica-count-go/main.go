package main

import (
	canary "example.com/pulumi-canary-delivery/sdk/go/canarydelivery"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// No traffic router: with 5 pods, a 20% canary is 1 new pod next to 4 stable ones, then 3 of 5.
func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		api, err := canary.NewCanaryDelivery(ctx, "api", &canary.CanaryDeliveryArgs{
			Replicas: pulumi.Float64Ref(5),
			Template: &canary.PodTemplateArgs{
				Image: pulumi.String("nginx:1.27"),
				Ports: []canary.ContainerPortArgs{{Name: pulumi.StringRef("http"), ContainerPort: 80}},
			},
			Service: &canary.ServiceOptionsArgs{Port: pulumi.Float64Ref(80)},
			Steps: []canary.CanaryStepArgs{
				{Weight: pulumi.Float64Ref(20), Pause: pulumi.StringRef("5m")},
				{Weight: pulumi.Float64Ref(60), Pause: pulumi.StringRef("")},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("plan", api.Plan)
		ctx.Export("objects", api.Objects)
		return nil
	})
}
