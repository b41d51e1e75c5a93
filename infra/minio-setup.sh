#!/bin/sh
# Creates the buckets and sends the letter bucket's object events to the trigger service.
set -e
until mc alias set local http://minio:9000 minioadmin minioadmin >/dev/null 2>&1; do sleep 1; done
mc mb --ignore-existing local/imr-letters local/imr-artifacts
mc event add --ignore-existing local/imr-letters arn:minio:sqs::IMR:webhook --event put,delete || true
