/** One message from the command queue, with what the FIFO queue tells about it. */
export interface QueueMessage {
  readonly id: string;
  readonly body: string;
  readonly receiptHandle: string;
  readonly groupId: string;
  /** SQS FIFO sequence number: increases per message group. */
  readonly sequenceNumber: string;
  readonly receiveCount: number;
}

/** The FIFO command queue as the consumer sees it. */
export interface CommandSource {
  /** Long-polls for a batch; resolves empty when `signal` aborts. */
  receive(signal: AbortSignal): Promise<readonly QueueMessage[]>;
  ack(message: QueueMessage): Promise<void>;
  /** Keeps messages hidden while a slow batch is still being processed. */
  extendVisibility(messages: readonly QueueMessage[], seconds: number): Promise<void>;
}

/** Liveness record read by `GET /api/health`. */
export interface HeartbeatWriter {
  beat(state: { commandsProcessed: number }): Promise<void>;
}
