import { sleep } from '@temporalio/workflow';
export async function sleeper(): Promise<void> { await sleep('30 days'); }
