import { randomUUID } from 'node:crypto';
import { writeHeapSnapshot } from 'node:v8';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { temporalCliPath } from '../platform/temporal-binaries';
import { workflowBundlerOptions, workflowsPath } from '../worker/workflow-bundle';
import { initialState, type PartnershipState } from '../domain/state';
import { addYears, isoDay } from '../domain/dates';
import { partnershipWorkflowType } from '../workflows/messages';
const bare = process.env.BARE === '1';
async function main(){
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = temporalCliPath();
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' }, ip: '127.0.0.1', extraArgs: ['--log-level','error'] } });
  const bundle = bare ? undefined : await bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions(), logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'm', ...(bare ? { workflowsPath: require.resolve('./wf') } : { workflowBundle: bundle! }), activities: { noop: async () => undefined }, maxCachedWorkflows: 1000, debugMode: process.env.DEBUG === '1' });
  const m=()=>{global.gc?.();const u=process.memoryUsage();return {rss:u.rss/1e6, heap:u.heapUsed/1e6}};
  await worker.runUntil(async()=>{
    await new Promise(r=>setTimeout(r,3000));
    const a=m();
    const N=500; const today=isoDay(Date.now());
    const st=(id:string):PartnershipState=>({...initialState(id),phase:'IMPLEMENTATION',phaseEnteredOn:today,revision:1,parties:[{partyId:randomUUID(),organisationId:randomUUID(),kind:'PUBLIC',joinedInTerm:1,contactIds:[],contributions:[]},{partyId:randomUUID(),organisationId:randomUUID(),kind:'IDEBUREN',joinedInTerm:1,contactIds:[],contributions:[]}],submittedVersion:1,versionInForce:1,implementation:{startDate:today,beforeFinal:null},terms:[{term:1,startDate:today,endDate:addYears(today,5)}]});
    for(let i=0;i<N;i+=50) await Promise.all(Array.from({length:50},(_,j)=>{const id=randomUUID();return bare? env.client.workflow.start('sleeper',{taskQueue:'m',workflowId:'s'+(i+j)}) : env.client.workflow.start(partnershipWorkflowType,{taskQueue:'m',workflowId:'p-'+id,args:[{partnershipId:id,carried:{state:st(id),sentDeadlines:[]}}]});}));
    await new Promise(r=>setTimeout(r,10000));
    const b=m();
    console.log(bare?'bare':'product', 'per workflow KB: rss', ((b.rss-a.rss)*1000/N).toFixed(0), 'heap', ((b.heap-a.heap)*1000/N).toFixed(0));
    if (process.env.SNAP) console.log(writeHeapSnapshot('/tmp/wf.heapsnapshot'));
  });
  await env.teardown();
}
main().then(()=>process.exit(0));
