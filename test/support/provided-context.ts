/** What the projects' global setups provide to test files (inject('…')). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** DynamoDB Local of the integration and e2e projects (dynamodb-setup.ts). */
    dynamodbEndpoint: string;
    /** The Anxin app (stage dev) synthesized once for the run (assembly-setup.ts). */
    anxinCloudAssembly: string;
  }
}

export {};
