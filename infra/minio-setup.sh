#!/bin/sh
# Run once by docker-compose.yml (minio-setup) after MinIO is healthy: the buckets, the pipeline's
# own user with only the access it needs, and the letter bucket's events to the trigger's webhook
# (target IMR, configured in MinIO's environment). Every step can run again.
set -eu
mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing local/imr-letters local/imr-artifacts

cat >/tmp/imr-pipeline-policy.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
      "Resource": ["arn:aws:s3:::imr-letters", "arn:aws:s3:::imr-artifacts"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:GetObjectVersion"],
      "Resource": ["arn:aws:s3:::imr-letters/*"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": ["arn:aws:s3:::imr-artifacts/*"]
    }
  ]
}
JSON
mc admin policy create local imr-pipeline /tmp/imr-pipeline-policy.json
mc admin user add local "$IMR_S3_ACCESS_KEY" "$IMR_S3_SECRET_KEY"
# Attaching a policy the user already has is an error; anything else is not.
if ! out=$(mc admin policy attach local imr-pipeline --user "$IMR_S3_ACCESS_KEY" 2>&1); then
  case "$out" in
    *already*) ;;
    *) echo "$out" >&2; exit 1 ;;
  esac
fi
mc event add --ignore-existing local/imr-letters arn:minio:sqs::IMR:webhook --event put,delete
echo "minio-setup: buckets, user $IMR_S3_ACCESS_KEY and bucket events ready"
