import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebSocketStreams, type StreamsProps } from '../constructs/streams';

/** Props of {@link StreamsStack}: what every function of the app is built with. */
export interface StreamsStackProps extends StackProps {
  readonly functions: StreamsProps;
}

/**
 * The WebSocket API, its handlers and the stream processor, in a stack of their own: the HTTP
 * API stack holds one function per route (seven resources each) and is at CloudFormation's
 * 500-resource limit.
 */
export class StreamsStack extends Stack {
  readonly streams: WebSocketStreams;

  constructor(scope: Construct, id: string, props: StreamsStackProps) {
    super(scope, id, props);
    this.streams = new WebSocketStreams(this, 'Streams', props.functions);
  }
}
