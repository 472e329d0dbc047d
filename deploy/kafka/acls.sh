#!/usr/bin/env bash
# Kafka ACLs per ParkStream role (deploy/README.md, "Security"), for a cluster with an authorizer
# (KRaft: authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer) and SASL
# or mTLS principals. Run with an admin identity:
#
#   BOOTSTRAP=kafka-1.example:9093 ADMIN_CONFIG=admin.properties bash deploy/kafka/acls.sh
#
# Principals (override with the environment): one per role. Topic names are ARCHITECTURE.md §3's
# defaults and the checkpoints topic of the default group.
set -euo pipefail
: "${BOOTSTRAP:?set BOOTSTRAP to the brokers, host:port}"
: "${ADMIN_CONFIG:?set ADMIN_CONFIG to a client properties file of an admin identity}"
KAFKA_ACLS=${KAFKA_ACLS:-/opt/kafka/bin/kafka-acls.sh}
PRODUCER=${PRODUCER:-User:park-producer}   # park systems, `parkstream publish|simulate`
GATEWAY=${GATEWAY:-User:parkstream-hj212}  # `parkstream hj212-gateway`
WORKER=${WORKER:-User:parkstream-worker}   # `parkstream worker`
OPS=${OPS:-User:parkstream-ops}            # `parkstream alerts`
ANALYST=${ANALYST:-User:parkstream-analyst} # `parkstream replay|export --topic`
LAG=${LAG:-User:parkstream-keda}           # KEDA's lag reader
ADMIN=${ADMIN:-User:parkstream-admin}      # `parkstream topics create`
GROUP=${GROUP:-parkstream-workers}

acl() { "$KAFKA_ACLS" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --add "$@"; }

# Park producers write park.metrics and nothing else (idempotent producers: IdempotentWrite on
# the cluster for brokers before Kafka 3.0; later ones need only Write on the topic).
acl --allow-principal "$PRODUCER" --operation Write --operation Describe --topic park.metrics
acl --allow-principal "$PRODUCER" --operation IdempotentWrite --cluster

# The HJ 212 gateway archives every frame and publishes the compliance events it derives.
for topic in park.hj212.raw park.metrics; do
  acl --allow-principal "$GATEWAY" --operation Write --operation Describe --topic "$topic"
done
acl --allow-principal "$GATEWAY" --operation IdempotentWrite --cluster

# Workers read park.metrics in their group, write the outputs, and read back what restores need:
# their checkpoints and the tails of park.alerts and park.metrics.dlq (alerts and dead letters
# already written are not written again).
acl --allow-principal "$WORKER" --operation Read --operation Describe --topic park.metrics
acl --allow-principal "$WORKER" --operation Read --group "$GROUP"
acl --allow-principal "$WORKER" --operation Write --operation Describe --topic park.aggregates
for topic in park.alerts park.metrics.dlq "$GROUP-checkpoints"; do
  acl --allow-principal "$WORKER" --operation Write --operation Read --operation Describe --topic "$topic"
done
acl --allow-principal "$WORKER" --operation IdempotentWrite --cluster

# Ops read the alerts (no consumer group: `parkstream alerts` assigns partitions itself).
acl --allow-principal "$OPS" --operation Read --operation Describe --topic park.alerts

# Analysts replay and export the input (no group either).
acl --allow-principal "$ANALYST" --operation Read --operation Describe --topic park.metrics

# KEDA reads the workers' committed offsets and the topic's end offsets, nothing else.
acl --allow-principal "$LAG" --operation Describe --group "$GROUP"
acl --allow-principal "$LAG" --operation Describe --topic park.metrics

# Topic creation, once per cluster.
acl --allow-principal "$ADMIN" --operation Create --operation Describe --operation DescribeConfigs --cluster
