import { describeJobQueueConformance } from './job-queue.conformance.js';
import { InProcessJobQueue } from './in-process-job-queue.js';

describeJobQueueConformance('in-process', () => new InProcessJobQueue());
