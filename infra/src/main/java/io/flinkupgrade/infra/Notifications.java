package io.flinkupgrade.infra;

import java.util.List;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/** Where outcomes go: an encrypted, SSL-only SNS topic for people and a dedicated event bus for systems. */
final class Notifications extends Construct {
    static final String EVENT_BUS_NAME = "flink-upgrade";
    static final String TOPIC_NAME = "flink-upgrade-outcomes";

    private final Topic topic;
    private final EventBus eventBus;

    Notifications(Construct scope, String id, List<String> emails) {
        super(scope, id);
        Key topicKey = Key.Builder.create(this, "TopicKey")
                .description("flink-upgrade: encrypts the upgrade outcome topic")
                .enableKeyRotation(true)
                .build();
        // The CloudWatch alarms publish to this topic too; they need the key to encrypt their messages.
        topicKey.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
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

    Topic topic() {
        return topic;
    }

    EventBus eventBus() {
        return eventBus;
    }
}
