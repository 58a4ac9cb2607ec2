/**
 * AWS managed policies a template may attach by ARN, as AWS publishes them. The local
 * platform cannot fetch them, so it knows these few; any other AWS managed ARN is refused
 * when the platform starts (local/template/map-iam.ts), never treated as empty or as "allow".
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, unknown>> = {
  // arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  AWSLambdaBasicExecutionRole: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  // arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole
  AWSLambdaSQSQueueExecutionRole: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
    ],
  },
  // arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
  AWSXRayDaemonWriteAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
        Resource: ['*'],
      },
    ],
  },
};
