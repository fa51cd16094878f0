package io.flinkupgrade.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/** Where outcomes go: an encrypted, SSL-only SNS topic for people and a dedicated event bus for systems. */
final class Notifications extends Construct {
    static final String EVENT_BUS_NAME = "flink-upgrade";
    static final String TOPIC_NAME = "flink-upgrade-outcomes";

    private final Key topicKey;
    private final Topic topic;
    private final EventBus eventBus;

    Notifications(Construct scope, String id, List<String> emails) {
        super(scope, id);
        topicKey = Key.Builder.create(this, "TopicKey")
                .description("flink-upgrade: encrypts the upgrade outcome topic")
                .enableKeyRotation(true)
                .build();
        topic = Topic.Builder.create(this, "Topic")
                .topicName(TOPIC_NAME)
                .displayName("Flink upgrade outcomes")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        emails.forEach(email -> topic.addSubscription(new EmailSubscription(email)));
        eventBus = EventBus.Builder.create(this, "EventBus")
                .eventBusName(EVENT_BUS_NAME)
                .description("flink-upgrade outcome events (source flink-upgrade)")
                .build();
    }

    /**
     * Lets the named CloudWatch alarms of this account, and no other, publish to the topic and use its
     * key: the topic policy otherwise holds only the TLS-deny statement, and an encrypted topic needs
     * the service to be allowed kms:Decrypt and kms:GenerateDataKey* on its key
     * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
     * Both grants carry aws:SourceAccount and aws:SourceArn, so no other account's or other alarm's
     * CloudWatch can use them (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html).
     */
    void allowAlarmsToPublish(List<String> alarmArns) {
        ServicePrincipal cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
        Map<String, Object> theseAlarms = Map.of(
                "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()),
                "ArnLike", Map.of("aws:SourceArn", alarmArns));
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowTheStacksAlarmsToPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(cloudWatch))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(theseAlarms)
                .build());
        topicKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowTheStacksAlarmsToEncryptForTheTopic")
                .effect(Effect.ALLOW)
                .principals(List.of(cloudWatch))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(theseAlarms)
                .build());
    }

    Topic topic() {
        return topic;
    }

    EventBus eventBus() {
        return eventBus;
    }
}
