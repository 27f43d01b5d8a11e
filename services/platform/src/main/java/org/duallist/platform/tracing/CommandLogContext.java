package org.duallist.platform.tracing;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

/**
 * Names the task a command is about in the logging context ({@link TaskLogContext}) while the command is
 * handled, i.e. while the aggregate decides and its events are stored. Every command of the suite is a
 * record whose {@code taskId} component names its task; a command without one is handled unchanged.
 */
public final class CommandLogContext implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger LOG = Logger.getLogger(CommandLogContext.class);
    private final ConcurrentMap<Class<?>, Optional<Method>> taskIdAccessors = new ConcurrentHashMap<>();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object taskId = taskIdOf(command.getPayload());
        if (taskId == null) {
            return chain.proceed();
        }
        try (TaskLogContext ignored = TaskLogContext.of(taskId)) {
            LOG.debugf("Handling %s", command.getCommandName());
            return chain.proceed();
        }
    }

    private Object taskIdOf(Object payload) {
        Optional<Method> accessor = taskIdAccessors.computeIfAbsent(payload.getClass(), CommandLogContext::taskIdAccessor);
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            return accessor.get().invoke(payload);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Optional<Method> taskIdAccessor(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("taskId")) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                return Optional.of(accessor);
            }
        }
        return Optional.empty();
    }
}
