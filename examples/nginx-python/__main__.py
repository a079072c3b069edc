import pulumi
import pulumi_canary_delivery as canary

# An Ingress for web.example.com; the Argo controller adds the canary Ingress next to it and
# moves 20% of the traffic, then 50%. Requests with "x-canary: always" reach the canary at once.
web = canary.CanaryDelivery(
    "web",
    replicas=3,
    template=canary.PodTemplateArgs(
        image="nginx:1.27",
        ports=[canary.ContainerPortArgs(name="http", container_port=80)],
    ),
    nginx=canary.NginxTrafficArgs(
        host="web.example.com",
        matches=[canary.RequestMatchArgs(on=canary.MatchOn.HEADER, name="x-canary", exact="always")],
    ),
    steps=[
        canary.CanaryStepArgs(weight=20, pause="2m"),
        canary.CanaryStepArgs(weight=50, pause="10m"),
    ],
)

pulumi.export("plan", web.plan)
pulumi.export("objects", web.objects)
